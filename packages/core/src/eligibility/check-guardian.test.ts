import { describe, expect, it } from "vitest";
import { checkGuardian, type GuardianFacts } from "./check-guardian.ts";

const NOW = new Date("2026-12-06T12:00:00Z");
const TEEN_JOINED = new Date("2026-03-01T00:00:00Z");

function parent(overrides: Partial<GuardianFacts> = {}): GuardianFacts {
  return {
    dateOfBirth: new Date("1980-04-02"),
    region: "US",
    accountCreatedAt: new Date("2025-01-01T00:00:00Z"),
    adultVerified: true,
    ...overrides,
  };
}

describe("checkGuardian", () => {
  it.each([
    ["a card-checked adult with an older account", {}, TEEN_JOINED, null],
    ["an adult before the supervised account is known", {}, null, null],
    ["a 16-year-old", { dateOfBirth: new Date("2010-01-01") }, TEEN_JOINED, "GUARDIAN_NOT_ADULT"],
    [
      "an 18-year-old in South Korea",
      { dateOfBirth: new Date("2008-01-01"), region: "KR" },
      TEEN_JOINED,
      "GUARDIAN_NOT_ADULT",
    ],
    [
      "an adult without the card check",
      { adultVerified: false },
      TEEN_JOINED,
      "ADULT_NOT_VERIFIED",
    ],
    [
      "an account made after the supervised one",
      { accountCreatedAt: new Date("2026-03-02T00:00:00Z") },
      TEEN_JOINED,
      "GUARDIAN_ACCOUNT_NEWER",
    ],
    [
      "an account made at the same instant",
      { accountCreatedAt: TEEN_JOINED },
      TEEN_JOINED,
      "GUARDIAN_ACCOUNT_NEWER",
    ],
  ] as const)("decides %s", (_, overrides, supervisedCreatedAt, code) => {
    const decision = checkGuardian(parent(overrides), supervisedCreatedAt, NOW);
    expect(decision.allowed ? null : decision.code).toBe(code);
  });

  it("checks age before the card check, so a minor is told the rule that applies to them", () => {
    expect(
      checkGuardian(
        parent({ dateOfBirth: new Date("2012-01-01"), adultVerified: false }),
        null,
        NOW,
      ),
    ).toEqual({
      allowed: false,
      code: "GUARDIAN_NOT_ADULT",
      message: "A guardian must be an adult.",
    });
  });
});
