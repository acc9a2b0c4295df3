import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainErrorCode } from "../errors.ts";
import { RATE_CARD } from "../rate-card/current.ts";
import { HOUR_MS } from "../time.ts";
import {
  flagWithdrawal,
  reviewsPayoutMethodChange,
  type WithdrawalFlagCode,
  type WithdrawalFlagFacts,
} from "./flag-withdrawal.ts";

const NOW = new Date("2026-11-20T12:00:00.000Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const DAILY_MAX = RATE_CARD.payout.dailyMaxUsdMinor;

/** A creator paid before, method unchanged for months, support spread over many fans. */
const benign = (overrides: Partial<WithdrawalFlagFacts> = {}): WithdrawalFlagFacts => ({
  diamonds: 5_000,
  netUsdMinor: 5_000,
  paidWithdrawals: 3,
  payoutMethodReviewOpenedAt: null,
  recentDiamondsBySupporter: [2_000, 2_000, 2_000, 2_000, 2_000],
  ...overrides,
});
const codesOf = (facts: WithdrawalFlagFacts, now = NOW): WithdrawalFlagCode[] =>
  (flagWithdrawal(facts, now) ?? []).map((flag) => flag.code);

const factsArb = fc.record({
  diamonds: fc.integer({ min: 1, max: 200_000 }),
  netUsdMinor: fc.integer({ min: 0, max: 200_000 }),
  paidWithdrawals: fc.integer({ min: 0, max: 5 }),
  payoutMethodReviewOpenedAt: fc.option(fc.integer({ min: 0, max: 30 * 24 * HOUR_MS }).map(ago)),
  recentDiamondsBySupporter: fc.array(fc.integer({ min: 0, max: 100_000 }), { maxLength: 8 }),
});

describe("flagWithdrawal", () => {
  it("returns null for a regular withdrawal of a creator paid before", () => {
    expect(flagWithdrawal(benign(), NOW)).toBeNull();
  });

  it.each([
    [
      "PAYOUT_METHOD_CHANGED",
      "a method change waits for an admin's approval, however long ago",
      { payoutMethodReviewOpenedAt: ago(90 * 24 * HOUR_MS) },
    ],
    [
      "LARGE_FIRST_WITHDRAWAL",
      "a never-paid creator takes exactly half the daily maximum",
      { paidWithdrawals: 0, netUsdMinor: DAILY_MAX / 2 },
    ],
    [
      "ONE_SUPPORTER",
      "one fan gave exactly 80% and covers half the withdrawal",
      { recentDiamondsBySupporter: [8_000, 1_000, 1_000], diamonds: 16_000, netUsdMinor: 16_000 },
    ],
  ] as const)("flags %s when %s", (code, _label, overrides) => {
    expect(codesOf(benign(overrides))).toEqual([code]);
  });

  it.each([
    ["no method change waits for review", { payoutMethodReviewOpenedAt: null }],
    [
      "a first withdrawal just under half the daily maximum",
      { paidWithdrawals: 0, netUsdMinor: DAILY_MAX / 2 - 1 },
    ],
    [
      "the top fan gave just under 80%",
      { recentDiamondsBySupporter: [7_999, 1_001, 1_000], diamonds: 10_000 },
    ],
    [
      "the top fan's diamonds cover less than half the withdrawal",
      { recentDiamondsBySupporter: [8_000, 2_000], diamonds: 16_001, netUsdMinor: 16_001 },
    ],
    [
      "one fan gave everything but the withdrawal is under a tenth of the daily maximum",
      { recentDiamondsBySupporter: [50_000], netUsdMinor: DAILY_MAX / 10 - 1 },
    ],
    ["no diamonds arrived lately", { recentDiamondsBySupporter: [] }],
  ] as const)("does not flag when %s", (_label, overrides) => {
    expect(flagWithdrawal(benign(overrides), NOW)).toBeNull();
  });

  it("lists every rule that matched", () => {
    const facts = benign({
      paidWithdrawals: 0,
      netUsdMinor: DAILY_MAX,
      diamonds: DAILY_MAX,
      payoutMethodReviewOpenedAt: ago(HOUR_MS),
      recentDiamondsBySupporter: [DAILY_MAX],
    });
    expect(codesOf(facts)).toEqual([
      "PAYOUT_METHOD_CHANGED",
      "LARGE_FIRST_WITHDRAWAL",
      "ONE_SUPPORTER",
    ]);
  });

  it("refuses malformed facts with INVALID_INPUT", () => {
    expect(() => flagWithdrawal(benign({ diamonds: 0 }), NOW)).toThrow(
      expect.objectContaining({ code: DomainErrorCode.INVALID_INPUT }),
    );
    expect(() => flagWithdrawal(benign({ recentDiamondsBySupporter: [1, -1] }), NOW)).toThrow(
      expect.objectContaining({ code: DomainErrorCode.INVALID_INPUT }),
    );
  });

  it("answers null or a non-empty list of distinct codes, whatever the order of supporters", () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        const flags = flagWithdrawal(facts, NOW);
        if (flags !== null) {
          expect(flags.length).toBeGreaterThan(0);
          expect(new Set(flags.map((f) => f.code)).size).toBe(flags.length);
        }
        const reversed = {
          ...facts,
          recentDiamondsBySupporter: [...facts.recentDiamondsBySupporter].reverse(),
        };
        expect(codesOf(reversed)).toEqual(codesOf(facts));
      }),
    );
  });

  it("flags a method change exactly while its review is open", () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        expect(codesOf(facts).includes("PAYOUT_METHOD_CHANGED")).toBe(
          facts.payoutMethodReviewOpenedAt !== null,
        );
      }),
    );
  });

  it("never stops flagging a first withdrawal when it grows, and never flags a paid creator for size", () => {
    fc.assert(
      fc.property(factsArb, fc.integer({ min: 0, max: 100_000 }), (facts, more) => {
        const bigger = { ...facts, netUsdMinor: facts.netUsdMinor + more };
        if (codesOf(facts).includes("LARGE_FIRST_WITHDRAWAL")) {
          expect(codesOf(bigger)).toContain("LARGE_FIRST_WITHDRAWAL");
        }
        const paid = { ...bigger, paidWithdrawals: 1 + facts.paidWithdrawals };
        expect(codesOf(paid)).not.toContain("LARGE_FIRST_WITHDRAWAL");
      }),
    );
  });

  it("flags one supporter exactly when their share reaches 80%, covers half and the sum matters", () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        const amounts = facts.recentDiamondsBySupporter;
        const total = amounts.reduce((sum, d) => sum + d, 0);
        const top = amounts.reduce((max, d) => Math.max(max, d), 0);
        // The rule in exact rational terms: top / total >= 4 / 5 and top >= diamonds / 2.
        const expected =
          total > 0 &&
          5 * top >= 4 * total &&
          2 * top >= facts.diamonds &&
          10 * facts.netUsdMinor >= DAILY_MAX;
        expect(codesOf(facts).includes("ONE_SUPPORTER")).toBe(expected);
      }),
    );
  });

  it("never flags one supporter when a second gives as much", () => {
    fc.assert(
      fc.property(factsArb, fc.integer({ min: 1, max: 100_000 }), (facts, diamonds) => {
        const split = { ...facts, recentDiamondsBySupporter: [diamonds, diamonds] };
        expect(codesOf(split)).not.toContain("ONE_SUPPORTER");
      }),
    );
  });
});

describe("reviewsPayoutMethodChange", () => {
  it.each([
    ["a new destination after an earlier withdrawal", true, 1, false, true],
    ["a first method, or one set before any withdrawal", true, 0, false, false],
    ["the same destination again", false, 3, false, false],
    ["anything set while a review is open (a rejection leaves it open)", false, 2, true, true],
  ] as const)("%s", (_label, isNewDestination, earlierWithdrawals, isUnderReview, expected) => {
    expect(reviewsPayoutMethodChange({ isNewDestination, earlierWithdrawals, isUnderReview })).toBe(
      expected,
    );
  });

  it("never closes an open review: only an admin's approval does", () => {
    fc.assert(
      fc.property(fc.boolean(), fc.nat({ max: 100 }), (isNewDestination, earlierWithdrawals) => {
        expect(
          reviewsPayoutMethodChange({ isNewDestination, earlierWithdrawals, isUnderReview: true }),
        ).toBe(true);
      }),
    );
  });
});
