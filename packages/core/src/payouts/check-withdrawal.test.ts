import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainErrorCode } from "../errors.ts";
import {
  assertWithdrawalAllowed,
  checkWithdrawal,
  type WithdrawalFacts,
} from "./check-withdrawal.ts";

const facts = (overrides: Partial<WithdrawalFacts> = {}): WithdrawalFacts => ({
  diamonds: 5_000,
  availableDiamonds: 20_000,
  withdrawnLast24hUsdMinor: 0,
  hasPayoutMethod: true,
  ...overrides,
});

describe("checkWithdrawal", () => {
  it("allows a withdrawal within every rule and reports the most that could be taken", () => {
    expect(checkWithdrawal(facts())).toEqual({ allowed: true, maxDiamonds: 20_000 });
  });

  it.each([
    ["BELOW_MINIMUM", { diamonds: 999 }],
    ["ABOVE_AVAILABLE", { diamonds: 20_001 }],
    ["ABOVE_DAILY_MAX", { diamonds: 5_000, withdrawnLast24hUsdMinor: 96_000 }],
    ["NO_PAYOUT_METHOD", { hasPayoutMethod: false }],
  ] as const)("refuses with %s when the request breaks that rule", (code, overrides) => {
    const decision = checkWithdrawal(facts(overrides));
    expect(decision.allowed).toBe(false);
    if (!decision.allowed) expect(decision.reasons.map((reason) => reason.code)).toEqual([code]);
  });

  it("says why diamonds are not available yet, the new-buyer hold included", () => {
    const decision = checkWithdrawal(facts({ diamonds: 20_001 }));
    const message = decision.allowed ? "" : (decision.reasons[0]?.message ?? "");
    expect(message).toContain(
      "held for 7 days (30 days after the purchase when a new buyer's coins",
    );
  });

  it("lists every broken rule at once when several apply", () => {
    const decision = checkWithdrawal(
      facts({ diamonds: 500, availableDiamonds: 100, hasPayoutMethod: false }),
    );
    expect(decision.allowed ? [] : decision.reasons.map((reason) => reason.code)).toEqual([
      "BELOW_MINIMUM",
      "ABOVE_AVAILABLE",
      "NO_PAYOUT_METHOD",
    ]);
  });

  it("caps the daily maximum at $1,000 when nothing was withdrawn today", () => {
    expect(checkWithdrawal(facts({ diamonds: 100_000, availableDiamonds: 500_000 })).allowed).toBe(
      true,
    );
    const over = checkWithdrawal(facts({ diamonds: 100_001, availableDiamonds: 500_000 }));
    expect(over.allowed).toBe(false);
    expect(over.maxDiamonds).toBe(100_000);
  });

  it("never allows more than available, more than the day's remainder, or less than the minimum", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300_000 }),
        fc.nat(300_000),
        fc.nat(150_000),
        fc.boolean(),
        (diamonds, availableDiamonds, withdrawnLast24hUsdMinor, hasPayoutMethod) => {
          const decision = checkWithdrawal({
            diamonds,
            availableDiamonds,
            withdrawnLast24hUsdMinor,
            hasPayoutMethod,
          });
          if (decision.allowed) {
            expect(diamonds).toBeGreaterThanOrEqual(1_000);
            expect(diamonds).toBeLessThanOrEqual(availableDiamonds);
            expect(withdrawnLast24hUsdMinor + diamonds).toBeLessThanOrEqual(100_000);
            expect(hasPayoutMethod).toBe(true);
          }
          // The reported maximum is itself always allowed.
          if (decision.maxDiamonds > 0) {
            expect(
              checkWithdrawal({
                diamonds: decision.maxDiamonds,
                availableDiamonds,
                withdrawnLast24hUsdMinor,
                hasPayoutMethod,
              }).allowed,
            ).toBe(true);
          }
        },
      ),
    );
  });
});

describe("assertWithdrawalAllowed", () => {
  it("throws NOT_ELIGIBLE carrying the reasons when the decision refuses", () => {
    expect(() =>
      assertWithdrawalAllowed(checkWithdrawal(facts({ hasPayoutMethod: false }))),
    ).toThrow(
      expect.objectContaining({
        code: DomainErrorCode.NOT_ELIGIBLE,
        message: "Add a payout method before withdrawing.",
      }),
    );
  });
});
