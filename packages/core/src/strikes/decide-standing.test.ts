import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DAY_MS } from "../time.ts";
import { decideStanding, type StrikeFact, SUSPENSION_DAYS } from "./decide-standing.ts";

const NOW = new Date("2026-06-01T12:00:00Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY_MS);
const strike = (days: number, withdrawn = false): StrikeFact => ({
  issuedAt: daysAgo(days),
  withdrawn,
});

/** The definition in the doc comment, checked strike by strike. */
function naiveSuspendedUntil(strikes: readonly StrikeFact[], now: Date): number | null {
  const counting = strikes.filter((s) => !s.withdrawn && s.issuedAt <= now);
  let end: number | null = null;
  for (const trigger of counting) {
    const t = trigger.issuedAt.getTime();
    const inWindow = counting.filter((s) => {
      const at = s.issuedAt.getTime();
      return at > t - 90 * DAY_MS && at <= t;
    }).length;
    const until = t + SUSPENSION_DAYS * DAY_MS;
    if (inWindow >= 3 && until > now.getTime()) end = Math.max(end ?? 0, until);
  }
  return end;
}

// Strikes within 200 days either side of now (some in the future), to the minute.
const strikeArb = fc.record({
  issuedAt: fc
    .integer({ min: -200 * 24 * 60, max: 20 * 24 * 60 })
    .map((minutes) => new Date(NOW.getTime() + minutes * 60_000)),
  withdrawn: fc.boolean(),
});
const strikesArb = fc.array(strikeArb, { maxLength: 8 });

describe("decideStanding", () => {
  it.each([
    ["no strikes", [], 0, null],
    ["two strikes", [strike(10), strike(5)], 2, null],
    ["three strikes in 90 days", [strike(80), strike(40), strike(3)], 3, daysAgo(3 - 14)],
    [
      "three strikes, the first 91 days before the third",
      [strike(94), strike(40), strike(3)],
      2,
      null,
    ],
    ["three strikes, the third 15 days ago", [strike(60), strike(40), strike(15)], 3, null],
    ["three strikes, one withdrawn", [strike(60), strike(40, true), strike(3)], 2, null],
    [
      "a fourth strike extends it",
      [strike(60), strike(40), strike(10), strike(2)],
      4,
      daysAgo(2 - 14),
    ],
    ["a strike after now does not count", [strike(60), strike(40), strike(-1)], 2, null],
  ] as const)("answers %s", (_, strikes, active, until) => {
    expect(decideStanding(strikes, NOW)).toEqual({ activeStrikes: active, suspendedUntil: until });
  });

  it("ends the suspension at the third strike plus 14 days, not a moment later", () => {
    const strikes = [strike(50), strike(20), strike(0)];
    const end = new Date(NOW.getTime() + 14 * DAY_MS);
    expect(decideStanding(strikes, new Date(end.getTime() - 1)).suspendedUntil).toEqual(end);
    expect(decideStanding(strikes, end).suspendedUntil).toBeNull();
  });

  it("matches the definition strike by strike", () => {
    fc.assert(
      fc.property(strikesArb, (strikes) => {
        const standing = decideStanding(strikes, NOW);
        expect(standing.suspendedUntil?.getTime() ?? null).toBe(naiveSuspendedUntil(strikes, NOW));
        const active = strikes.filter(
          (s) => !s.withdrawn && s.issuedAt <= NOW && s.issuedAt > daysAgo(90),
        ).length;
        expect(standing.activeStrikes).toBe(active);
      }),
    );
  });

  it("never suspends with fewer than three counting strikes, nor beyond 14 days from now", () => {
    fc.assert(
      fc.property(strikesArb, (strikes) => {
        const { suspendedUntil } = decideStanding(strikes, NOW);
        const counting = strikes.filter((s) => !s.withdrawn && s.issuedAt <= NOW).length;
        if (counting < 3) expect(suspendedUntil).toBeNull();
        if (suspendedUntil) {
          expect(suspendedUntil.getTime()).toBeGreaterThan(NOW.getTime());
          expect(suspendedUntil.getTime()).toBeLessThanOrEqual(NOW.getTime() + 14 * DAY_MS);
          // The end is always some counting strike's issue time plus 14 days.
          expect(
            strikes.some(
              (s) =>
                !s.withdrawn && s.issuedAt.getTime() + 14 * DAY_MS === suspendedUntil.getTime(),
            ),
          ).toBe(true);
        }
      }),
    );
  });

  it("never ends later when a strike is withdrawn, nor earlier when one is added", () => {
    fc.assert(
      fc.property(strikesArb, strikeArb, fc.nat(), (strikes, extra, pick) => {
        const end = (list: readonly StrikeFact[]) =>
          decideStanding(list, NOW).suspendedUntil?.getTime() ?? 0;
        const withExtra = [...strikes, extra];
        expect(end(withExtra)).toBeGreaterThanOrEqual(end(strikes));
        if (strikes.length === 0) return;
        const index = pick % strikes.length;
        const withdrawn = strikes.map((s, i) => (i === index ? { ...s, withdrawn: true } : s));
        expect(end(withdrawn)).toBeLessThanOrEqual(end(strikes));
      }),
    );
  });

  it("does not depend on the order strikes are listed in", () => {
    fc.assert(
      fc.property(strikesArb, (strikes) => {
        expect(decideStanding([...strikes].reverse(), NOW)).toEqual(decideStanding(strikes, NOW));
      }),
    );
  });
});
