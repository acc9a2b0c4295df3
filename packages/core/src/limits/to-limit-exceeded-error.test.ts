import { describe, expect, it } from "vitest";
import { DomainErrorCode, isDomainError } from "../errors.ts";
import type { SpendDenied } from "./check-spend.ts";
import { toLimitExceededError } from "./to-limit-exceeded-error.ts";

const denied: SpendDenied = {
  allowed: false,
  reason: "DAILY_CAP",
  setBy: "guardian",
  message: "Your limit of 100 coins per 24 hours (set by your guardian) has 10 coins left.",
  remaining: { dailyCoins: 10, weeklyCoins: null, monthlyCoins: 500, perSpendCoins: null },
  retryAt: new Date("2026-11-02T00:00:00.000Z"),
};

describe("toLimitExceededError", () => {
  it("carries the denial's message and facts when converted", () => {
    const error = toLimitExceededError(denied);
    expect(isDomainError(error)).toBe(true);
    expect(error.code).toBe(DomainErrorCode.LIMIT_EXCEEDED);
    expect(error.message).toBe(denied.message);
    expect(error.details).toEqual({
      reason: "DAILY_CAP",
      setBy: "guardian",
      retryAt: "2026-11-02T00:00:00.000Z",
      remaining: denied.remaining,
    });
  });

  it("gives a null retryAt when the spend can never fit", () => {
    expect(toLimitExceededError({ ...denied, retryAt: null }).details.retryAt).toBeNull();
  });
});
