import { describe, expect, it } from "vitest";
import { DomainErrorCode } from "../errors.ts";
import { applyDueLimitChanges } from "./apply-due-limit-changes.ts";
import type { LimitSettings, PendingLimitChange } from "./spending-limits.ts";

const HOUR = 60 * 60 * 1000;
const T0 = new Date("2026-11-01T00:00:00.000Z");
const at = (offsetMs: number): Date => new Date(T0.getTime() + offsetMs);
const pending = (
  field: PendingLimitChange["field"],
  coins: number | null,
  effectiveOffset: number,
): PendingLimitChange => ({
  field,
  coins,
  requestedAt: at(effectiveOffset - 24 * HOUR),
  effectiveAt: at(effectiveOffset),
});

describe("applyDueLimitChanges", () => {
  const settings: LimitSettings = {
    viewer: { dailyCoins: 100, weeklyCoins: 500 },
    guardian: { dailyCoins: 1_000 },
    pending: [pending("dailyCoins", 300, 0), pending("weeklyCoins", null, HOUR)],
  };

  it.each([
    { now: at(-1), viewer: { dailyCoins: 100, weeklyCoins: 500 }, left: 2 },
    { now: T0, viewer: { dailyCoins: 300, weeklyCoins: 500 }, left: 1 },
    { now: at(HOUR), viewer: { dailyCoins: 300, weeklyCoins: null }, left: 0 },
  ])("applies the changes due by $now when asked then", ({ now, viewer, left }) => {
    const applied = applyDueLimitChanges(settings, now);
    expect(applied.viewer).toEqual(viewer);
    expect(applied.pending).toHaveLength(left);
    expect(applied.guardian).toEqual(settings.guardian);
  });

  it("returns the settings unchanged when nothing is pending", () => {
    const plain: LimitSettings = { viewer: { dailyCoins: 5 } };
    expect(applyDueLimitChanges(plain, T0)).toBe(plain);
  });

  it("throws INVALID_INPUT when now is not a valid date", () => {
    expect(() => applyDueLimitChanges(settings, new Date(Number.NaN))).toThrow(
      expect.objectContaining({ code: DomainErrorCode.INVALID_INPUT }),
    );
  });
});
