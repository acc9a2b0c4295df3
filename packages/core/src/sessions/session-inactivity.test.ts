import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AUTO_SESSION_IDLE_MS,
  getInactiveSessionEnd,
  isPageLiveAt,
  LIVE_REPORT_FRESH_MS,
  MANUAL_SESSION_IDLE_MS,
  type SessionActivity,
} from "./session-inactivity.ts";

const START = new Date("2026-11-15T20:00:00.000Z");
const MINUTE = 60_000;
const at = (offsetMs: number) => new Date(START.getTime() + offsetMs);

describe("getInactiveSessionEnd", () => {
  it.each<[string, SessionActivity, number, Date | null]>([
    [
      "an auto session had no event for 30 minutes",
      { startedBy: "auto", startedAt: START, lastEventAt: at(5 * MINUTE), lastLiveReportAt: null },
      35 * MINUTE,
      at(5 * MINUTE),
    ],
    [
      "an auto session had an event 29 minutes ago",
      { startedBy: "auto", startedAt: START, lastEventAt: at(6 * MINUTE), lastLiveReportAt: null },
      35 * MINUTE,
      null,
    ],
    [
      "the page still reports live though no gift came",
      { startedBy: "auto", startedAt: START, lastEventAt: null, lastLiveReportAt: at(40 * MINUTE) },
      41 * MINUTE,
      null,
    ],
    [
      "a manual session was quiet for 30 minutes only",
      { startedBy: "manual", startedAt: START, lastEventAt: null, lastLiveReportAt: null },
      35 * MINUTE,
      null,
    ],
    [
      "a manual session was quiet for 12 hours",
      { startedBy: "manual", startedAt: START, lastEventAt: null, lastLiveReportAt: null },
      12 * 60 * MINUTE,
      START,
    ],
  ])("answers right when %s", (_label, activity, nowOffset, expected) => {
    expect(getInactiveSessionEnd(activity, at(nowOffset))).toEqual(expected);
  });

  const activity = fc.record({
    startedBy: fc.constantFrom("auto" as const, "manual" as const),
    startedAt: fc.integer({ min: 0, max: 10 * MANUAL_SESSION_IDLE_MS }).map(at),
    lastEventAt: fc.option(fc.integer({ min: 0, max: 20 * MANUAL_SESSION_IDLE_MS }).map(at)),
    lastLiveReportAt: fc.option(fc.integer({ min: 0, max: 20 * MANUAL_SESSION_IDLE_MS }).map(at)),
  });
  const now = fc.integer({ min: 0, max: 30 * MANUAL_SESSION_IDLE_MS }).map(at);

  it("never ends a session before it started nor after now, and only after the idle limit", () => {
    fc.assert(
      fc.property(activity, now, (session, seenAt) => {
        const end = getInactiveSessionEnd(session, seenAt);
        if (end === null) return;
        expect(end.getTime()).toBeGreaterThanOrEqual(session.startedAt.getTime());
        expect(end.getTime()).toBeLessThanOrEqual(
          Math.max(seenAt.getTime(), session.startedAt.getTime()),
        );
        const limit = session.startedBy === "auto" ? AUTO_SESSION_IDLE_MS : MANUAL_SESSION_IDLE_MS;
        expect(seenAt.getTime() - end.getTime()).toBeGreaterThanOrEqual(limit);
      }),
    );
  });

  it("keeps its answer once ended: a later run ends the session at the same moment", () => {
    fc.assert(
      fc.property(
        activity,
        now,
        fc.integer({ min: 0, max: MANUAL_SESSION_IDLE_MS }),
        (session, seenAt, later) => {
          const end = getInactiveSessionEnd(session, seenAt);
          if (
            end === null ||
            (session.lastEventAt ?? START) > seenAt ||
            (session.lastLiveReportAt ?? START) > seenAt
          )
            return;
          expect(getInactiveSessionEnd(session, new Date(seenAt.getTime() + later))).toEqual(end);
        },
      ),
    );
  });

  it("never ends a session earlier because of more activity", () => {
    fc.assert(
      fc.property(
        activity,
        now,
        fc.integer({ min: 0, max: 30 * MANUAL_SESSION_IDLE_MS }).map(at),
        (session, seenAt, eventAt) => {
          const busier = {
            ...session,
            lastEventAt: eventAt > (session.lastEventAt ?? START) ? eventAt : session.lastEventAt,
          };
          const quietEnd = getInactiveSessionEnd(session, seenAt);
          const busyEnd = getInactiveSessionEnd(busier, seenAt);
          if (busyEnd !== null) {
            expect(quietEnd).not.toBeNull();
            expect(busyEnd.getTime()).toBeGreaterThanOrEqual(quietEnd?.getTime() ?? 0);
          }
        },
      ),
    );
  });
});

describe("isPageLiveAt", () => {
  const run = (since: number, last: number) => ({ since: at(since), last: at(last) });
  it.each([
    ["no report ever came", null, false],
    ["reports ran from 10 minutes before until a minute after", run(-10 * MINUTE, MINUTE), true],
    ["the first report came a minute after the event", run(MINUTE, 5 * MINUTE), true],
    ["the reports stopped 3 minutes before the event", run(-20 * MINUTE, -3 * MINUTE), false],
    ["the reports began 3 minutes after the event", run(3 * MINUTE, 9 * MINUTE), false],
    [
      "the last report is exactly at the freshness edge",
      run(-9 * MINUTE, -LIVE_REPORT_FRESH_MS),
      true,
    ],
  ])("answers right when %s", (_label, reports, expected) => {
    expect(isPageLiveAt(reports, START)).toBe(expected);
  });

  it("holds for every moment inside a run of reports", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -100 * MINUTE, max: 0 }),
        fc.integer({ min: 0, max: 100 * MINUTE }),
        fc.integer({ min: 0, max: 100 }),
        (since, length, percent) => {
          const reports = run(since, since + length);
          expect(isPageLiveAt(reports, at(since + Math.floor((length * percent) / 100)))).toBe(
            true,
          );
        },
      ),
    );
  });
});
