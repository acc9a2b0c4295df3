import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dateOfBirthSchema, regionSchema } from "./account-fields.ts";

const today = new Date().toISOString().slice(0, 10);

describe("dateOfBirthSchema", () => {
  it.each([
    ["a leap day", "2000-02-29", "2000-02-29T00:00:00.000Z"],
    ["the first accepted day", "1900-01-01", "1900-01-01T00:00:00.000Z"],
    ["today", today, `${today}T00:00:00.000Z`],
    ["padded with spaces", " 1990-05-17 ", "1990-05-17T00:00:00.000Z"],
  ])("accepts %s as UTC midnight", (_, input, expected) => {
    expect(dateOfBirthSchema.parse(input).toISOString()).toBe(expected);
  });

  it("takes the UTC day of a Date given by server-side code", () => {
    const parsed = dateOfBirthSchema.parse(new Date("1990-05-17T13:45:00Z"));
    expect(parsed.toISOString()).toBe("1990-05-17T00:00:00.000Z");
  });

  it.each([
    ["1900-02-29", /not a real calendar date/],
    ["2023-04-31", /not a real calendar date/],
    ["1990-13-01", /not a real calendar date/],
    ["1990-5-17", /form YYYY-MM-DD/],
    ["", /form YYYY-MM-DD/],
    [null, /form YYYY-MM-DD/],
    [new Date(Number.NaN), /form YYYY-MM-DD/],
  ])("refuses %s", (input, message) => {
    const result = dateOfBirthSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(message);
  });

  it("gives back the same calendar day for every day from 1900 to today", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date(), noInvalidDate: true }),
        (date) => {
          const day = date.toISOString().slice(0, 10);
          expect(dateOfBirthSchema.parse(day).toISOString().slice(0, 10)).toBe(day);
        },
      ),
    );
  });

  it("refuses every day after today", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 365 * 200 }), (daysAhead) => {
        const day = new Date(Date.now() + daysAhead * 86_400_000).toISOString().slice(0, 10);
        expect(dateOfBirthSchema.safeParse(day).success).toBe(false);
      }),
    );
  });
});

describe("regionSchema", () => {
  it.each([
    ["DE", "DE"],
    ["us", "US"],
    [" gb ", "GB"],
  ])("accepts %j as %s", (input, expected) => {
    expect(regionSchema.parse(input)).toBe(expected);
  });

  it.each(["Germany", "D", "DEU", "D1", "", 49])("refuses %j", (input) => {
    expect(regionSchema.safeParse(input).error?.issues[0]?.message).toBe(
      "Region must be a two-letter ISO 3166-1 code such as US or DE",
    );
  });
});
