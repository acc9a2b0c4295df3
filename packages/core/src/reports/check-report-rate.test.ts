import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DAY_MS } from "../time.ts";
import { checkReportRate, REPORTS_PER_DAY } from "./check-report-rate.ts";

const NOW = new Date("2026-06-01T12:00:00Z");
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);

describe("checkReportRate", () => {
  it("allows the tenth report of a day and refuses the eleventh until the first leaves the window", () => {
    const nine = Array.from({ length: 9 }, (_, i) => hoursAgo(20 - i));
    expect(checkReportRate(nine, NOW)).toEqual({ allowed: true });
    expect(checkReportRate([...nine, hoursAgo(1)], NOW)).toEqual({
      allowed: false,
      retryAt: new Date(hoursAgo(20).getTime() + DAY_MS),
    });
  });

  it("ignores reports older than 24 hours", () => {
    const old = Array.from({ length: 30 }, () => hoursAgo(24));
    expect(checkReportRate(old, NOW)).toEqual({ allowed: true });
  });

  it("allows a report at retryAt whatever the history", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2 * DAY_MS }), { maxLength: 30 }),
        (offsets) => {
          const recent = offsets.map((ms) => new Date(NOW.getTime() - ms));
          const decision = checkReportRate(recent, NOW);
          const inDay = offsets.filter((ms) => ms < DAY_MS).length;
          expect(decision.allowed).toBe(inDay < REPORTS_PER_DAY);
          if (!decision.allowed) {
            expect(decision.retryAt.getTime()).toBeGreaterThan(NOW.getTime());
            expect(checkReportRate(recent, decision.retryAt)).toEqual({ allowed: true });
          }
        },
      ),
    );
  });
});
