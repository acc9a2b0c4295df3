import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainErrorCode } from "../errors.ts";
import { applyDueLimitChanges } from "./apply-due-limit-changes.ts";
import {
  changeSpendingLimits,
  type LimitChangeRequest,
  VIEWER_LOOSENING_DELAY_MS,
} from "./change-spending-limits.ts";
import {
  CAP_FIELDS,
  type CapField,
  type CapSet,
  type LimitActor,
  type LimitSettings,
} from "./spending-limits.ts";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const T0 = new Date("2026-11-01T00:00:00.000Z");
const at = (offsetMs: number): Date => new Date(T0.getTime() + offsetMs);

const forbidden = expect.objectContaining({ code: DomainErrorCode.FORBIDDEN_CHANGE });
const invalid = expect.objectContaining({ code: DomainErrorCode.INVALID_INPUT });

describe("changeSpendingLimits", () => {
  describe("viewer's own caps", () => {
    it.each(
      CAP_FIELDS.flatMap((field) => [
        { field, from: 100, to: 50 },
        { field, from: null, to: 50 },
        { field, from: 100, to: 0 },
      ]),
    )("applies $field at once when it goes from $from to $to", ({ field, from, to }) => {
      const { settings, scheduled } = changeSpendingLimits(
        { viewer: { [field]: from } },
        { viewer: { [field]: to } },
        "viewer",
        T0,
      );
      expect(settings.viewer?.[field]).toBe(to);
      expect(scheduled).toEqual([]);
    });

    it.each(
      CAP_FIELDS.flatMap((field) => [
        { field, from: 100, to: 200 },
        { field, from: 100, to: null },
        { field, from: 0, to: 1 },
      ]),
    )(
      "schedules $field for 24 hours later when it goes from $from to $to",
      ({ field, from, to }) => {
        const { settings, scheduled } = changeSpendingLimits(
          { viewer: { [field]: from } },
          { viewer: { [field]: to } },
          "viewer",
          T0,
        );
        const change = { field, coins: to, requestedAt: T0, effectiveAt: at(DAY) };
        expect(settings.viewer?.[field]).toBe(from);
        expect(scheduled).toEqual([change]);
        expect(settings.pending).toEqual([change]);
      },
    );

    it("takes a scheduled raise into effect exactly 24 hours later when due changes are applied", () => {
      const { settings } = changeSpendingLimits(
        { viewer: { dailyCoins: 100 } },
        { viewer: { dailyCoins: 500 } },
        "viewer",
        T0,
      );
      expect(applyDueLimitChanges(settings, at(DAY - 1)).viewer?.dailyCoins).toBe(100);
      expect(applyDueLimitChanges(settings, at(DAY))).toEqual({
        viewer: { dailyCoins: 500 },
        pending: [],
      });
    });

    it("applies the tightening and schedules the raise when one request holds both", () => {
      const { settings, scheduled } = changeSpendingLimits(
        { viewer: { dailyCoins: 100, weeklyCoins: 500 } },
        { viewer: { dailyCoins: 50, weeklyCoins: 900 } },
        "viewer",
        T0,
      );
      expect(settings.viewer).toEqual({ dailyCoins: 50, weeklyCoins: 500 });
      expect(scheduled.map((c) => [c.field, c.coins])).toEqual([["weeklyCoins", 900]]);
    });

    it.each([
      { name: "a tightening cancels it", to: 80, expected: 80, pending: 0 },
      { name: "asking for the current value cancels it", to: 100, expected: 100, pending: 0 },
      {
        name: "a newer raise replaces it and restarts the wait",
        to: 300,
        expected: 100,
        pending: 1,
      },
    ])("handles a pending raise when $name", ({ to, expected, pending }) => {
      const first = changeSpendingLimits(
        { viewer: { dailyCoins: 100 } },
        { viewer: { dailyCoins: 500 } },
        "viewer",
        T0,
      );
      const later = at(6 * HOUR);
      const { settings } = changeSpendingLimits(
        first.settings,
        { viewer: { dailyCoins: to } },
        "viewer",
        later,
      );
      expect(settings.viewer?.dailyCoins).toBe(expected);
      expect(settings.pending).toHaveLength(pending);
      if (pending === 1) {
        expect(settings.pending?.[0]).toMatchObject({ coins: to, effectiveAt: at(30 * HOUR) });
      }
    });

    it("compares with a raise that came due before now when one is pending", () => {
      const first = changeSpendingLimits(
        { viewer: { dailyCoins: 100 } },
        { viewer: { dailyCoins: 500 } },
        "viewer",
        T0,
      );
      // 300 is below the 500 in force by now, so it tightens and applies at once.
      const { settings, scheduled } = changeSpendingLimits(
        first.settings,
        { viewer: { dailyCoins: 300 } },
        "viewer",
        at(2 * DAY),
      );
      expect(settings.viewer?.dailyCoins).toBe(300);
      expect(scheduled).toEqual([]);
      expect(settings.pending).toEqual([]);
    });

    it("leaves fields out of the request as they are when changing others", () => {
      const { settings } = changeSpendingLimits(
        { viewer: { dailyCoins: 100, perSpendCoins: 20, coolingOffUntil: null } },
        { viewer: { dailyCoins: 90, weeklyCoins: undefined } },
        "viewer",
        T0,
      );
      expect(settings.viewer).toEqual({ dailyCoins: 90, perSpendCoins: 20, coolingOffUntil: null });
    });

    it("never loosens what is in force now and gives what was asked 24 hours later", () => {
      const coinsArb = fc.option(fc.integer({ min: 0, max: 1_000 }), { nil: null });
      const capsArb = fc.record(
        {
          dailyCoins: coinsArb,
          weeklyCoins: coinsArb,
          monthlyCoins: coinsArb,
          perSpendCoins: coinsArb,
          confirmFromCoins: coinsArb,
        },
        { requiredKeys: [] },
      );
      // null means no cap, the loosest setting.
      const looseness = (coins: number | null | undefined) => coins ?? Number.POSITIVE_INFINITY;
      fc.assert(
        fc.property(capsArb, capsArb, (current, requested) => {
          const { settings } = changeSpendingLimits(
            { viewer: current },
            { viewer: requested },
            "viewer",
            T0,
          );
          const later = applyDueLimitChanges(settings, at(DAY));
          for (const field of CAP_FIELDS) {
            expect(looseness(settings.viewer?.[field])).toBeLessThanOrEqual(
              looseness(current[field]),
            );
            const wanted = field in requested ? requested[field] : current[field];
            expect(later.viewer?.[field] ?? null).toBe(wanted ?? null);
          }
        }),
      );
    });
  });

  describe("guardian's caps", () => {
    it.each<{ field: CapField; from: number | null; to: number | null }>([
      { field: "dailyCoins", from: 100, to: 1_000 },
      { field: "weeklyCoins", from: 100, to: null },
      { field: "perSpendCoins", from: 100, to: 10 },
      { field: "confirmFromCoins", from: null, to: 50 },
    ])(
      "applies $field at once when the guardian moves it from $from to $to",
      ({ field, from, to }) => {
        const { settings, scheduled } = changeSpendingLimits(
          { guardian: { [field]: from } },
          { guardian: { [field]: to } },
          "guardian",
          T0,
        );
        expect(settings.guardian?.[field]).toBe(to);
        expect(scheduled).toEqual([]);
      },
    );

    it("leaves the viewer's pending changes alone when the guardian changes theirs", () => {
      const first = changeSpendingLimits(
        { viewer: { dailyCoins: 100 } },
        { viewer: { dailyCoins: 500 } },
        "viewer",
        T0,
      );
      const { settings } = changeSpendingLimits(
        first.settings,
        { guardian: { dailyCoins: 50 } },
        "guardian",
        at(HOUR),
      );
      expect(settings.pending).toEqual(first.settings.pending);
      expect(settings.viewer).toEqual({ dailyCoins: 100 });
    });
  });

  describe("whose set", () => {
    it.each<{ actor: LimitActor; request: LimitChangeRequest }>([
      { actor: "viewer", request: { guardian: { dailyCoins: 10 } } },
      { actor: "viewer", request: { viewer: { dailyCoins: 10 }, guardian: {} } },
      { actor: "guardian", request: { viewer: { dailyCoins: 10 } } },
    ])(
      "throws FORBIDDEN_CHANGE when the $actor asks to change the other's set",
      ({ actor, request }) => {
        expect(() => changeSpendingLimits({}, request, actor, T0)).toThrow(forbidden);
      },
    );
  });

  describe("cooling-off", () => {
    const lockOf = (until: Date | null | undefined): CapSet => ({ coolingOffUntil: until });

    it.each<{
      name: string;
      current: Date | null | undefined;
      requested: Date | null;
    }>([
      { name: "set when there is none", current: undefined, requested: at(DAY) },
      { name: "extended while running", current: at(HOUR), requested: at(DAY) },
      { name: "kept while running", current: at(HOUR), requested: at(HOUR) },
      { name: "lifted once ended", current: at(-HOUR), requested: null },
      { name: "replaced by an earlier date once ended", current: at(-HOUR), requested: at(-DAY) },
      { name: "lifted when it ends exactly now", current: T0, requested: null },
    ])("is $name", ({ current, requested }) => {
      for (const actor of ["viewer", "guardian"] as const) {
        const { settings } = changeSpendingLimits(
          { [actor]: lockOf(current) },
          { [actor]: lockOf(requested) },
          actor,
          T0,
        );
        expect(settings[actor]?.coolingOffUntil).toEqual(requested);
      }
    });

    it.each([
      { name: "shortened", requested: at(HOUR) },
      { name: "lifted", requested: null },
    ])("throws FORBIDDEN_CHANGE when it is $name before it ends", ({ requested }) => {
      for (const actor of ["viewer", "guardian"] as const) {
        expect(() =>
          changeSpendingLimits(
            { [actor]: lockOf(at(DAY)) },
            { [actor]: lockOf(requested) },
            actor,
            T0,
          ),
        ).toThrow(forbidden);
      }
    });

    it("changes nothing when a forbidden lock change comes with cap changes", () => {
      const current: LimitSettings = { viewer: { dailyCoins: 100, coolingOffUntil: at(DAY) } };
      expect(() =>
        changeSpendingLimits(
          current,
          { viewer: { dailyCoins: 50, coolingOffUntil: null } },
          "viewer",
          T0,
        ),
      ).toThrow(forbidden);
      expect(current.viewer?.dailyCoins).toBe(100);
    });
  });

  describe("invalid input", () => {
    it.each<{ name: string; request: LimitChangeRequest; actor: string; now: Date }>([
      {
        name: "a cap is negative",
        request: { viewer: { dailyCoins: -1 } },
        actor: "viewer",
        now: T0,
      },
      {
        name: "a cap is fractional",
        request: { guardian: { weeklyCoins: 1.5 } },
        actor: "guardian",
        now: T0,
      },
      {
        name: "the lock date is invalid",
        request: { viewer: { coolingOffUntil: new Date("no") } },
        actor: "viewer",
        now: T0,
      },
      { name: "now is invalid", request: {}, actor: "viewer", now: new Date(Number.NaN) },
      { name: "the actor is unknown", request: {}, actor: "platform", now: T0 },
    ])("throws INVALID_INPUT when $name", ({ request, actor, now }) => {
      expect(() => changeSpendingLimits({}, request, actor as LimitActor, now)).toThrow(invalid);
    });
  });

  it("waits exactly the documented delay when a raise is scheduled", () => {
    expect(VIEWER_LOOSENING_DELAY_MS).toBe(DAY);
  });
});
