import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  currencyExponent,
  formatBalance,
  formatBucketLabel,
  formatCoins,
  formatCount,
  formatDate,
  formatDateTime,
  formatDiamonds,
  formatDuration,
  formatMoneyMinor,
  formatRange,
  formatSignedCount,
  formatUsdMinor,
  parseWholeNumber,
} from "./format.ts";

describe("formatDiamonds", () => {
  it.each([
    [0, "0 diamonds"],
    [1, "1 diamond"],
    [12_345, "12,345 diamonds"],
    [-50, "\u221250 diamonds"],
    [-1, "\u22121 diamond"],
  ])("writes %i as %s", (value, text) => {
    expect(formatDiamonds(value)).toBe(text);
  });
});

describe("formatCoins", () => {
  it("writes singular and grouped plural", () => {
    expect(formatCoins(1)).toBe("1 coin");
    expect(formatCoins(2_500)).toBe("2,500 coins");
  });
});

describe("formatSignedCount", () => {
  it("shows a plus for gains and a minus for reversals", () => {
    expect(formatSignedCount(30)).toBe("+30");
    expect(formatSignedCount(-1_200)).toBe("\u22121,200");
    expect(formatSignedCount(0)).toBe("0");
  });
});

describe("formatUsdMinor", () => {
  it.each([
    [0, "$0.00"],
    [5, "$0.05"],
    [4_850, "$48.50"],
    [123_456_789, "$1,234,567.89"],
    [-5, "\u2212$0.05"],
  ])("writes %i cents as %s", (cents, text) => {
    expect(formatUsdMinor(cents)).toBe(text);
  });

  it("round-trips every cent amount through its digits", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (cents) => {
        const digits = formatUsdMinor(cents).replace(/[$,.]/g, "");
        expect(Number(digits)).toBe(cents);
      }),
    );
  });
});

describe("formatCount", () => {
  it("groups thousands", () => {
    expect(formatCount(1_000_000)).toBe("1,000,000");
  });
});

describe("formatBucketLabel", () => {
  it("writes day buckets as UTC dates whatever the zone", () => {
    expect(
      formatBucketLabel("2026-11-22T00:00:00.000Z", "day", { timeZone: "America/Los_Angeles" }),
    ).toBe("22 Nov");
  });

  it("writes hour buckets in the zone given", () => {
    expect(formatBucketLabel("2026-11-22T14:00:00.000Z", "hour", { timeZone: "UTC" })).toBe(
      "22 Nov, 14:00",
    );
  });
});

describe("formatDateTime", () => {
  it("writes a day, month, year and 24-hour time", () => {
    expect(formatDateTime("2026-11-22T14:05:00.000Z", { timeZone: "UTC" })).toBe(
      "22 Nov 2026, 14:05",
    );
    expect(formatDate("2026-11-22T14:05:00.000Z", { timeZone: "UTC" })).toBe("22 Nov 2026");
  });
});

describe("formatRange", () => {
  it("writes whole UTC days inclusively and hours as they are", () => {
    expect(formatRange("2026-11-15T00:00:00.000Z", "2026-11-23T00:00:00.000Z", "day")).toBe(
      "15 Nov 2026 – 22 Nov 2026 (UTC days)",
    );
    expect(
      formatRange("2026-11-21T15:00:00.000Z", "2026-11-22T15:00:00.000Z", "hour", {
        timeZone: "UTC",
      }),
    ).toBe("21 Nov 2026, 15:00 – 22 Nov 2026, 15:00");
  });
});

describe("formatDuration", () => {
  it.each([
    ["2026-11-22T14:00:00Z", "2026-11-22T14:45:00Z", "45 min"],
    ["2026-11-22T14:00:00Z", "2026-11-22T16:05:00Z", "2 h 05 min"],
    ["2026-11-22T14:00:00Z", "2026-11-22T13:00:00Z", "0 min"],
  ])("from %s to %s is %s", (from, to, text) => {
    expect(formatDuration(from, to)).toBe(text);
  });
});

describe("parseWholeNumber", () => {
  it.each([
    ["1000", 1000],
    [" 1,000 ", 1000],
    ["0", 0],
    ["", null],
    ["12.5", null],
    ["-3", null],
    ["1e3", null],
    ["abc", null],
  ])("reads %j as %j", (text, value) => {
    expect(parseWholeNumber(text)).toBe(value);
  });
});

describe("formatCoins (property)", () => {
  it("round-trips the digits of any whole number of coins", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (coins) => {
        const text = formatCoins(coins);
        expect(text).toMatch(/^\d{1,3}(,\d{3})* coins?$/);
        expect(Number(text.replace(/[^\d]/g, ""))).toBe(coins);
      }),
    );
  });
});

describe("formatBalance", () => {
  it("never shows a balance below zero", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), (coins) => {
        const text = formatBalance(coins);
        expect(text).not.toMatch(/[-\u2212]/);
        expect(Number(text.replace(/,/g, ""))).toBe(Math.max(0, coins));
      }),
    );
  });
});

describe("formatMoneyMinor", () => {
  it.each([
    [4_850, "USD", "$48.50"],
    [5, "USD", "$0.05"],
    [-5, "USD", "\u2212$0.05"],
    [500, "JPY", "¥500"],
    [1_234_567, "EUR", "€12,345.67"],
    [1_000, "KWD", "KWD 1.000"],
  ])(
    "writes %i minor units of %s as %s, with the currency's own exponent",
    (minor, currency, text) => {
      expect(formatMoneyMinor(minor, currency).replace(/\u00a0/g, " ")).toBe(text);
    },
  );

  it("round-trips every minor amount through its digits, whatever the exponent", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e15 }),
        fc.constantFrom("USD", "JPY", "KWD", "EUR"),
        (minor, currency) => {
          const digits = formatMoneyMinor(minor, currency).replace(/[^\d]/g, "");
          expect(Number(digits)).toBe(minor);
          expect(currencyExponent(currency)).toBe({ USD: 2, JPY: 0, KWD: 3, EUR: 2 }[currency]);
        },
      ),
    );
  });
});
