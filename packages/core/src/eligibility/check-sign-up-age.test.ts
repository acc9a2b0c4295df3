import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RATE_CARD } from "../rate-card/current.ts";
import type { RateCard } from "../rate-card/rate-card.ts";
import { ageOn } from "./age-on.ts";
import { checkSignUpAge, MIN_SIGN_UP_AGE } from "./check-sign-up-age.ts";

const NOW = new Date("2026-12-06T12:00:00Z");

describe("checkSignUpAge", () => {
  it.each([
    ["2016-01-01", "US", false],
    ["2013-12-07", "DE", false],
    ["2013-12-06", "DE", true],
    ["2013-12-06", "KR", true],
    ["2013-12-06", "ZZ", true],
    ["2010-01-01", "US", true],
    ["1990-05-17", "GB", true],
  ])("born %s in %s: allowed is %s", (dob, region, allowed) => {
    expect(checkSignUpAge(new Date(dob), region, NOW).allowed).toBe(allowed);
  });

  it("tells a 10-year-old the age, in words they can act on", () => {
    expect(checkSignUpAge(new Date("2016-06-01"), "US", NOW)).toEqual({
      allowed: false,
      minAge: 13,
      message:
        "You must be at least 13 to create a Coinstream account. If the date of birth is wrong, correct it and try again.",
    });
  });

  it("lets a region raise the age but never lower it below 13", () => {
    const card: RateCard = {
      ...RATE_CARD,
      regions: {
        ...RATE_CARD.regions,
        NL: { currency: "EUR", minAge: 18, minSignUpAge: 16 },
        XX: { currency: "USD", minAge: 18, minSignUpAge: 10 },
      },
    };
    expect(checkSignUpAge(new Date("2011-01-01"), "NL", NOW, card)).toMatchObject({
      allowed: false,
      minAge: 16,
    });
    expect(checkSignUpAge(new Date("2015-01-01"), "XX", NOW, card)).toMatchObject({
      allowed: false,
      minAge: 13,
    });
  });

  it("allows exactly the people aged 13 or more in every region of the card", () => {
    const regions = [...Object.keys(RATE_CARD.regions), "ZZ"];
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1900-01-01"), max: NOW, noInvalidDate: true }),
        fc.constantFrom(...regions),
        (dob, region) => {
          const decision = checkSignUpAge(dob, region, NOW);
          expect(decision.allowed).toBe(ageOn(dob, NOW) >= MIN_SIGN_UP_AGE);
        },
      ),
    );
  });
});
