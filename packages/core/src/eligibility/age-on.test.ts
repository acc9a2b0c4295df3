import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainErrorCode } from "../errors.ts";
import { ageOn } from "./age-on.ts";

const d = (iso: string) => new Date(iso);

describe("ageOn", () => {
  it.each([
    ["2008-11-22", "2026-11-22T00:00:00Z", 18],
    ["2008-11-22", "2026-11-21T23:59:59Z", 17],
    ["2008-02-29", "2026-02-28T12:00:00Z", 17],
    ["2008-02-29", "2026-03-01T00:00:00Z", 18],
    ["2008-02-29", "2028-02-29T00:00:00Z", 20],
    ["2000-01-01", "2000-01-01T00:00:00Z", 0],
  ])("is born %s, on %s -> %i", (dob, now, age) => {
    expect(ageOn(d(dob), d(now))).toBe(age);
  });

  it("throws INVALID_INPUT when the birth date is in the future or invalid", () => {
    for (const dob of [d("2030-01-01"), d("not a date")]) {
      expect(() => ageOn(dob, d("2026-01-01"))).toThrow(
        expect.objectContaining({ code: DomainErrorCode.INVALID_INPUT }),
      );
    }
  });

  it("never decreases as time passes and grows by one a year", () => {
    fc.assert(
      fc.property(
        fc.date({ min: d("1900-01-01"), max: d("2026-01-01"), noInvalidDate: true }),
        fc.nat(100 * 365 * 24 * 3_600_000),
        fc.nat(100 * 365 * 24 * 3_600_000),
        (dob, a, b) => {
          const early = new Date(dob.getTime() + Math.min(a, b));
          const late = new Date(dob.getTime() + Math.max(a, b));
          expect(ageOn(dob, late)).toBeGreaterThanOrEqual(ageOn(dob, early));
          const nextYear = new Date(early);
          nextYear.setUTCFullYear(early.getUTCFullYear() + 1);
          expect(ageOn(dob, nextYear) - ageOn(dob, early)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});
