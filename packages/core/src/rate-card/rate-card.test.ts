import { describe, expect, it } from "vitest";
import { DomainErrorCode } from "../errors.ts";
import { getRateCard, getRegionRules, RATE_CARD, RATE_CARDS } from "./current.ts";

const cards = Object.values(RATE_CARDS);

describe("RATE_CARDS", () => {
  it("keys every card by its own version and includes the current one", () => {
    for (const [version, card] of Object.entries(RATE_CARDS)) expect(card.version).toBe(version);
    expect(RATE_CARDS[RATE_CARD.version]).toBe(RATE_CARD);
  });

  it("prices every region in a currency that has a price list", () => {
    for (const card of cards) {
      for (const region of [...Object.values(card.regions), card.defaultRegion]) {
        expect(card.priceLists[region.currency]).toBeDefined();
        expect(region.minAgeWithGuardian ?? 0).toBeLessThan(region.minAge);
      }
    }
  });

  it("keeps every share, bonus and limit a whole number in range", () => {
    for (const card of cards) {
      const numbers = [
        ...Object.values(card.creatorShareBps),
        card.firstPurchaseBonusBps,
        card.payout.minWithdrawalDiamonds,
        card.payout.dailyMaxUsdMinor,
        card.platformLimits.dailyCoins,
        card.platformLimits.newAccountDailyCoins,
      ];
      for (const n of numbers) expect(Number.isSafeInteger(n) && n >= 0).toBe(true);
      for (const bps of Object.values(card.creatorShareBps))
        expect(bps).toBeLessThanOrEqual(10_000);
      expect(card.platformLimits.newAccountDailyCoins).toBeLessThanOrEqual(
        card.platformLimits.dailyCoins,
      );
    }
  });
});

describe("getRateCard", () => {
  it("returns the card a stored version names", () => {
    expect(getRateCard(RATE_CARD.version)).toBe(RATE_CARD);
  });

  it("throws INVALID_INPUT when the version was never published", () => {
    for (const version of ["1999-01-01", "constructor", "__proto__"]) {
      expect(() => getRateCard(version)).toThrow(
        expect.objectContaining({ code: DomainErrorCode.INVALID_INPUT }),
      );
    }
  });
});

describe("getRegionRules", () => {
  it.each([
    ["KR", 19, "KRW"],
    ["kr", 19, "KRW"],
    ["US", 18, "USD"],
    ["FR", 18, "EUR"],
    ["AQ", 18, "USD"],
    ["constructor", 18, "USD"],
    ["__proto__", 18, "USD"],
  ])("gives %s a minimum age of %i and %s prices", (region, minAge, currency) => {
    expect(getRegionRules(region)).toMatchObject({ minAge, currency });
  });
});
