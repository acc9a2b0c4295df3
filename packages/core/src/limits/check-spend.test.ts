import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainErrorCode } from "../errors.ts";
import { RATE_CARD } from "../rate-card/current.ts";
import type { PlatformLimits, RateCard } from "../rate-card/rate-card.ts";
import { checkSpend, type SpendCheck, type SpendDenied } from "./check-spend.ts";
import type { CapSet, SpendingLimits, SpendRecord } from "./spending-limits.ts";

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = new Date("2026-11-01T00:00:00.000Z");
const OLD_ACCOUNT = new Date("2025-01-01T00:00:00.000Z");

const at = (offsetMs: number): Date => new Date(T0.getTime() + offsetMs);
const spend = (coins: number, offsetMs: number): SpendRecord => ({ coins, at: at(offsetMs) });
const limitsOf = (viewer?: CapSet, guardian?: CapSet): SpendingLimits => ({
  viewer,
  guardian,
  accountCreatedAt: OLD_ACCOUNT,
});

function expectDenied(result: SpendCheck): SpendDenied {
  if (result.allowed) throw new Error(`expected a denial, got ${JSON.stringify(result)}`);
  return result;
}

describe("checkSpend", () => {
  it("treats the new-account cap as the lower one when a card sets it above the daily cap", () => {
    // Found by the retryAt property: waiting for the account to mature must never help here.
    const card: RateCard = {
      ...RATE_CARD,
      platformLimits: {
        dailyCoins: 100,
        newAccountDailyCoins: 101,
        newAccountHours: 33,
        spendsPerMinute: 1,
      },
    };
    const young = { accountCreatedAt: new Date(T0.getTime() - 32 * HOUR) };
    const denied = expectDenied(checkSpend([], young, 101, T0, card));
    expect(denied.reason).toBe("DAILY_CAP");
    expect(denied.retryAt).toBeNull();
    expect(checkSpend([], young, 100, T0, card).allowed).toBe(true);
  });

  describe("denials", () => {
    it.each<{
      name: string;
      history: SpendRecord[];
      limits: SpendingLimits;
      amount: number;
      now: Date;
      expected: Pick<SpendDenied, "reason" | "setBy" | "retryAt">;
    }>([
      {
        name: "COOLING_OFF when the viewer's lock has not ended",
        history: [],
        limits: limitsOf({ coolingOffUntil: at(2 * HOUR) }),
        amount: 10,
        now: at(HOUR),
        expected: { reason: "COOLING_OFF", setBy: "viewer", retryAt: at(2 * HOUR) },
      },
      {
        name: "COOLING_OFF set by the guardian when the guardian's lock ends later",
        history: [],
        limits: limitsOf({ coolingOffUntil: at(2 * HOUR) }, { coolingOffUntil: at(5 * HOUR) }),
        amount: 10,
        now: at(HOUR),
        expected: { reason: "COOLING_OFF", setBy: "guardian", retryAt: at(5 * HOUR) },
      },
      {
        name: "PER_SPEND_CAP when the amount is above the per-spend cap",
        history: [],
        limits: limitsOf({ perSpendCoins: 100 }),
        amount: 101,
        now: T0,
        expected: { reason: "PER_SPEND_CAP", setBy: "viewer", retryAt: null },
      },
      {
        name: "VELOCITY when the platform's spends per minute are used up",
        history: Array.from({ length: RATE_CARD.platformLimits.spendsPerMinute }, (_, i) =>
          spend(1, -59 * SECOND + i * 100),
        ),
        limits: limitsOf(),
        amount: 1,
        now: T0,
        expected: { reason: "VELOCITY", setBy: "platform", retryAt: at(SECOND) },
      },
      {
        name: "DAILY_CAP set by the viewer when the day's spends leave too little",
        history: [spend(60, 0), spend(30, HOUR)],
        limits: limitsOf({ dailyCoins: 100 }),
        amount: 50,
        now: at(2 * HOUR),
        expected: { reason: "DAILY_CAP", setBy: "viewer", retryAt: at(DAY) },
      },
      {
        name: "DAILY_CAP set by the platform when an old account spent 50,000 today",
        history: [spend(50_000, -HOUR)],
        limits: limitsOf(),
        amount: 1,
        now: T0,
        expected: { reason: "DAILY_CAP", setBy: "platform", retryAt: at(23 * HOUR) },
      },
      {
        name: "WEEKLY_CAP set by the guardian when the week's spends leave too little",
        history: [spend(400, -6 * DAY), spend(500, -3 * DAY)],
        limits: limitsOf({ weeklyCoins: 5_000 }, { weeklyCoins: 1_000 }),
        amount: 200,
        now: T0,
        expected: { reason: "WEEKLY_CAP", setBy: "guardian", retryAt: at(DAY) },
      },
      {
        name: "MONTHLY_CAP set by the viewer when the month's spends leave too little",
        history: [spend(700, -29 * DAY), spend(200, -10 * DAY)],
        limits: limitsOf({ monthlyCoins: 1_000 }),
        amount: 101,
        now: T0,
        expected: { reason: "MONTHLY_CAP", setBy: "viewer", retryAt: at(DAY) },
      },
    ])("reports $name", ({ history, limits, amount, now, expected }) => {
      const denied = expectDenied(checkSpend(history, limits, amount, now));
      expect({ reason: denied.reason, setBy: denied.setBy, retryAt: denied.retryAt }).toEqual(
        expected,
      );
    });

    it("reports the first failing check when several fail", () => {
      const denied = expectDenied(
        checkSpend(
          [spend(90, -HOUR)],
          limitsOf({ coolingOffUntil: at(HOUR), perSpendCoins: 20, dailyCoins: 100 }),
          50,
          T0,
        ),
      );
      expect(denied.reason).toBe("COOLING_OFF");
      // The per-spend cap can never pass, so there is no time to come back.
      expect(denied.retryAt).toBeNull();
      expect(denied.message).toContain("Spend 20 coins or fewer at a time.");
    });

    it("takes the latest retry time over every failing check when they differ", () => {
      const denied = expectDenied(
        checkSpend(
          [spend(90, -HOUR)],
          limitsOf({ coolingOffUntil: at(HOUR), dailyCoins: 100 }),
          50,
          T0,
        ),
      );
      expect(denied.reason).toBe("COOLING_OFF");
      expect(denied.retryAt).toEqual(at(23 * HOUR));
    });

    it("reports the guardian when the guardian's cap is lower than the viewer's", () => {
      const denied = expectDenied(
        checkSpend(
          [spend(80, -HOUR)],
          limitsOf({ dailyCoins: 1_000 }, { dailyCoins: 100 }),
          30,
          T0,
        ),
      );
      expect(denied).toMatchObject({ reason: "DAILY_CAP", setBy: "guardian" });
      expect(denied.remaining.dailyCoins).toBe(20);
    });

    it.each([
      { owner: "guardian", viewer: { dailyCoins: 100 }, guardian: { dailyCoins: 100 } },
      { owner: "platform", viewer: { dailyCoins: 50_000 }, guardian: undefined },
    ])("reports the $owner when caps tie", ({ owner, viewer, guardian }) => {
      const denied = expectDenied(checkSpend([], limitsOf(viewer, guardian), 50_001, T0));
      expect(denied.setBy).toBe(owner);
    });

    it.each<{ field: keyof CapSet; reason: SpendDenied["reason"] }>([
      { field: "perSpendCoins", reason: "PER_SPEND_CAP" },
      { field: "dailyCoins", reason: "DAILY_CAP" },
      { field: "weeklyCoins", reason: "WEEKLY_CAP" },
      { field: "monthlyCoins", reason: "MONTHLY_CAP" },
    ])("blocks every spend for good when $field is 0", ({ field, reason }) => {
      const denied = expectDenied(checkSpend([], limitsOf({ [field]: 0 }), 1, T0));
      expect(denied).toMatchObject({ reason, retryAt: null });
      expect(denied.message).toContain("blocks all spending until it is raised");
    });

    it("never comes back when the amount is above the whole daily cap", () => {
      const denied = expectDenied(checkSpend([], limitsOf({ dailyCoins: 100 }), 101, T0));
      expect(denied).toMatchObject({ reason: "DAILY_CAP", retryAt: null });
      expect(denied.message).toBe(
        "Your limit of 100 coins per 24 hours (set by you) has 100 coins left, so this 101-coin spend does not fit. This spend is larger than the whole limit; spend at most 100 coins.",
      );
    });

    it("says which cap, what is left and when to come back when a daily cap refuses", () => {
      const denied = expectDenied(
        checkSpend(
          [spend(60, 0), spend(30, HOUR)],
          limitsOf({ dailyCoins: 100 }),
          50,
          at(2 * HOUR),
        ),
      );
      expect(denied.message).toBe(
        "Your limit of 100 coins per 24 hours (set by you) has 10 coins left, so this 50-coin spend does not fit. You can spend 50 coins again from 2026-11-02T00:00:00.000Z.",
      );
    });

    it("says '1 coin' in the singular when one coin is left or capped", () => {
      const denied = expectDenied(
        checkSpend([spend(99, 0)], limitsOf({ dailyCoins: 100, perSpendCoins: 1 }), 2, at(HOUR)),
      );
      expect(denied.message).toContain("at most 1 coin (set by you)");
      expect(denied.message).not.toMatch(/\b1 coins\b/);
      const daily = expectDenied(
        checkSpend([spend(99, 0)], limitsOf({ dailyCoins: 100 }), 2, at(HOUR)),
      );
      expect(daily.message).toContain("has 1 coin left");
    });

    it("gives what is left before the spend and never less than zero when a cap was lowered", () => {
      const denied = expectDenied(
        checkSpend(
          [spend(300, -HOUR)],
          limitsOf({ dailyCoins: 100, weeklyCoins: 1_000, perSpendCoins: 500 }),
          1,
          T0,
        ),
      );
      expect(denied.remaining).toEqual({
        dailyCoins: 0,
        weeklyCoins: 700,
        monthlyCoins: null,
        perSpendCoins: 500,
      });
    });

    it("refuses without overflowing when the amount is the largest safe integer", () => {
      const denied = expectDenied(
        checkSpend([spend(1, -HOUR)], limitsOf(), Number.MAX_SAFE_INTEGER, T0),
      );
      expect(denied).toMatchObject({ reason: "DAILY_CAP", retryAt: null });
    });
  });

  describe("rolling windows", () => {
    it.each([
      { offset: DAY - 1, allowed: false },
      { offset: DAY, allowed: true },
    ])(
      "counts a spend for exactly 24 hours (allowed $allowed at +$offset ms)",
      ({ offset, allowed }) => {
        const result = checkSpend([spend(100, 0)], limitsOf({ dailyCoins: 100 }), 100, at(offset));
        expect(result.allowed).toBe(allowed);
      },
    );

    it("counts spends dated after now when the clocks disagree", () => {
      const denied = expectDenied(
        checkSpend([spend(100, HOUR)], limitsOf({ dailyCoins: 100 }), 1, T0),
      );
      expect(denied.retryAt).toEqual(at(HOUR + DAY));
    });

    it("gives the same answer when the history is in any order", () => {
      const history = [spend(10, -2 * DAY), spend(20, -HOUR), spend(30, -3 * HOUR)];
      const limits = limitsOf({ dailyCoins: 60, weeklyCoins: 70 });
      expect(checkSpend([...history].reverse(), limits, 5, T0)).toEqual(
        checkSpend(history, limits, 5, T0),
      );
    });
  });

  describe("new accounts", () => {
    const young = (createdAt: Date): SpendingLimits => ({ accountCreatedAt: createdAt });

    it.each([
      { age: HOUR, amount: 10_000, allowed: true },
      { age: HOUR, amount: 10_001, allowed: false },
      { age: DAY - 1, amount: 10_001, allowed: false },
      { age: DAY, amount: 10_001, allowed: true },
      { age: DAY, amount: 50_000, allowed: true },
      { age: DAY, amount: 50_001, allowed: false },
    ])(
      "allows $amount coins: $allowed when the account is $age ms old",
      ({ age, amount, allowed }) => {
        expect(checkSpend([], young(at(-age)), amount, T0).allowed).toBe(allowed);
      },
    );

    it("retries when the new-account period ends when the full cap fits then", () => {
      const denied = expectDenied(
        checkSpend([spend(10_000, -11 * HOUR)], young(at(-12 * HOUR)), 100, T0),
      );
      expect(denied).toMatchObject({ reason: "DAILY_CAP", setBy: "platform" });
      expect(denied.retryAt).toEqual(at(12 * HOUR));
      expect(denied.message).toBe(
        "The limit for an account's first 24 hours, 10,000 coins per 24 hours, has 0 coins left, so this 100-coin spend does not fit. You can spend 100 coins again from 2026-11-01T12:00:00.000Z.",
      );
    });

    it("retries after the new-account period when spends must roll out of the full cap too", () => {
      const denied = expectDenied(
        checkSpend([spend(10_000, -HOUR)], young(at(-2 * HOUR)), 45_000, T0),
      );
      expect(denied.retryAt).toEqual(at(23 * HOUR));
    });

    it("keeps a lower viewer cap binding when the new-account period ends", () => {
      const limits = { ...young(at(-HOUR)), viewer: { dailyCoins: 20_000 } };
      const denied = expectDenied(checkSpend([], limits, 20_001, T0));
      expect(denied.retryAt).toBeNull();
    });
  });

  describe("allowed spends", () => {
    it("gives what is left after the spend when allowed", () => {
      const result = checkSpend(
        [spend(60, -HOUR), spend(100, -3 * DAY), spend(1_000, -20 * DAY)],
        limitsOf(
          { dailyCoins: 500, weeklyCoins: 1_000, perSpendCoins: 200 },
          { monthlyCoins: 5_000 },
        ),
        40,
        T0,
      );
      expect(result).toEqual({
        allowed: true,
        needsConfirmation: false,
        remaining: { dailyCoins: 400, weeklyCoins: 800, monthlyCoins: 3_800, perSpendCoins: 200 },
      });
    });

    it("leaves the platform's daily cap when no one set caps", () => {
      expect(checkSpend([], limitsOf(), 1, T0)).toEqual({
        allowed: true,
        needsConfirmation: false,
        remaining: {
          dailyCoins: 49_999,
          weeklyCoins: null,
          monthlyCoins: null,
          perSpendCoins: null,
        },
      });
    });

    it.each([
      { viewer: undefined, guardian: undefined, amount: 10_000, needsConfirmation: false },
      { viewer: 100, guardian: undefined, amount: 99, needsConfirmation: false },
      { viewer: 100, guardian: undefined, amount: 100, needsConfirmation: true },
      { viewer: 100, guardian: 50, amount: 50, needsConfirmation: true },
      { viewer: 100, guardian: 50, amount: 49, needsConfirmation: false },
      { viewer: null, guardian: 50, amount: 60, needsConfirmation: true },
      { viewer: 0, guardian: undefined, amount: 1, needsConfirmation: true },
    ])(
      "asks for confirmation: $needsConfirmation when thresholds are $viewer/$guardian and the amount is $amount",
      ({ viewer, guardian, amount, needsConfirmation }) => {
        const result = checkSpend(
          [],
          limitsOf({ confirmFromCoins: viewer }, { confirmFromCoins: guardian }),
          amount,
          T0,
        );
        expect(result).toMatchObject({ allowed: true, needsConfirmation });
      },
    );

    it("allows a spend when the cooling-off lock ends exactly now", () => {
      expect(checkSpend([], limitsOf({ coolingOffUntil: T0 }), 1, T0).allowed).toBe(true);
    });
  });

  describe("invalid input", () => {
    const valid = { history: [] as SpendRecord[], limits: limitsOf(), amount: 1, now: T0 };

    it.each<{ name: string; input: Partial<typeof valid> }>([
      { name: "the amount is 0", input: { amount: 0 } },
      { name: "the amount is negative", input: { amount: -5 } },
      { name: "the amount is fractional", input: { amount: 1.5 } },
      { name: "the amount is NaN", input: { amount: Number.NaN } },
      { name: "the amount is beyond 2^53", input: { amount: 2 ** 53 } },
      { name: "a past spend is negative", input: { history: [spend(-1, 0)] } },
      { name: "a past spend is fractional", input: { history: [spend(0.5, 0)] } },
      {
        name: "a past spend's date is invalid",
        input: { history: [{ coins: 1, at: new Date("x") }] },
      },
      { name: "now is invalid", input: { now: new Date(Number.NaN) } },
      { name: "a cap is negative", input: { limits: limitsOf({ dailyCoins: -1 }) } },
      { name: "a cap is fractional", input: { limits: limitsOf(undefined, { weeklyCoins: 2.5 }) } },
      {
        name: "a cooling-off end is invalid",
        input: { limits: limitsOf({ coolingOffUntil: new Date("nope") }) },
      },
      {
        name: "the account's creation date is invalid",
        input: { limits: { accountCreatedAt: new Date(Number.NaN) } },
      },
    ])("throws INVALID_INPUT when $name", ({ input }) => {
      const { history, limits, amount, now } = { ...valid, ...input };
      expect(() => checkSpend(history, limits, amount, now)).toThrow(
        expect.objectContaining({ code: DomainErrorCode.INVALID_INPUT }),
      );
    });

    it("throws OVERFLOW when the history adds up beyond 2^53", () => {
      const history = [spend(Number.MAX_SAFE_INTEGER, -HOUR), spend(1, -HOUR)];
      expect(() => checkSpend(history, limitsOf(), 1, T0)).toThrow(
        expect.objectContaining({ code: DomainErrorCode.OVERFLOW }),
      );
    });
  });

  describe("properties", () => {
    const WINDOWS = [
      { field: "dailyCoins", ms: DAY },
      { field: "weeklyCoins", ms: 7 * DAY },
      { field: "monthlyCoins", ms: 30 * DAY },
    ] as const;

    // Mostly generous caps, so that long runs of allowed spends reach the caps' edges.
    const capArb = (max: number) =>
      fc.option(fc.noBias(fc.integer({ min: 0, max })), { nil: null, freq: 3 });
    const capSetArb = fc.record(
      {
        dailyCoins: capArb(600),
        weeklyCoins: capArb(1_500),
        monthlyCoins: capArb(3_000),
        perSpendCoins: capArb(300),
        coolingOffUntil: fc.option(
          fc.integer({ min: 0, max: 2 * DAY }).map((ms) => at(ms)),
          { nil: null, freq: 3 },
        ),
      },
      { requiredKeys: [] },
    );
    const scenarioArb = fc.record({
      viewer: fc.option(capSetArb, { nil: undefined }),
      guardian: fc.option(capSetArb, { nil: undefined }),
      accountAgeMs: fc.integer({ min: 0, max: 3 * DAY }),
      platform: fc.record({
        dailyCoins: fc.integer({ min: 100, max: 800 }),
        newAccountDailyCoins: fc.integer({ min: 50, max: 800 }),
        newAccountHours: fc.integer({ min: 1, max: 72 }),
        spendsPerMinute: fc.integer({ min: 1, max: 4 }),
      }),
      steps: fc.array(
        fc.record({
          coins: fc.integer({ min: 1, max: 120 }),
          advanceMs: fc.oneof(
            fc.integer({ min: 0, max: 90 * SECOND }),
            fc.integer({ min: 0, max: 2 * DAY }),
            fc.integer({ min: 0, max: 12 * DAY }),
          ),
        }),
        { maxLength: 25 },
      ),
    });
    type Scenario = typeof scenarioArb extends fc.Arbitrary<infer S> ? S : never;

    interface Attempt {
      readonly history: readonly SpendRecord[];
      readonly now: Date;
      readonly coins: number;
      readonly result: SpendCheck;
    }

    function setUp(scenario: Scenario) {
      const platformLimits: PlatformLimits = scenario.platform;
      const rateCard: RateCard = { ...RATE_CARD, platformLimits };
      const limits: SpendingLimits = {
        viewer: scenario.viewer,
        guardian: scenario.guardian,
        accountCreatedAt: at(-scenario.accountAgeMs),
      };
      return { rateCard, limits };
    }

    /** Tries each step in turn and keeps the spends that were allowed. */
    function simulate(scenario: Scenario) {
      const { rateCard, limits } = setUp(scenario);
      const history: SpendRecord[] = [];
      const attempts: Attempt[] = [];
      let now = T0;
      for (const step of scenario.steps) {
        now = new Date(now.getTime() + step.advanceMs);
        const result = checkSpend(history, limits, step.coins, now, rateCard);
        attempts.push({ history: [...history], now, coins: step.coins, result });
        if (result.allowed) history.push({ coins: step.coins, at: now });
      }
      return { rateCard, limits, history, attempts };
    }

    /** The effective cap, worked out independently of the implementation. */
    function referenceCap(
      limits: SpendingLimits,
      platform: PlatformLimits,
      field: "dailyCoins" | "weeklyCoins" | "monthlyCoins" | "perSpendCoins",
      when: Date,
    ): number | null {
      const caps = [limits.viewer?.[field], limits.guardian?.[field]].filter(
        (coins): coins is number => typeof coins === "number",
      );
      if (field === "dailyCoins") {
        const ageMs = when.getTime() - limits.accountCreatedAt.getTime();
        const isYoung = ageMs < platform.newAccountHours * HOUR;
        caps.push(
          isYoung
            ? Math.min(platform.newAccountDailyCoins, platform.dailyCoins)
            : platform.dailyCoins,
        );
      }
      return caps.length === 0 ? null : Math.min(...caps);
    }

    const spentIn = (history: readonly SpendRecord[], end: Date, windowMs: number) =>
      history
        .filter((s) => s.at.getTime() > end.getTime() - windowMs)
        .reduce((sum, s) => sum + s.coins, 0);

    it("never lets a sequence of allowed spends exceed a cap in any rolling window", () => {
      fc.assert(
        fc.property(scenarioArb, (scenario) => {
          const { rateCard, limits, history } = simulate(scenario);
          const platform = rateCard.platformLimits;
          for (const s of history) {
            const window = history.filter(
              (other) => other.at.getTime() <= s.at.getTime(), // a window ending at this spend
            );
            for (const { field, ms } of WINDOWS) {
              const cap = referenceCap(limits, platform, field, s.at);
              if (cap !== null) expect(spentIn(window, s.at, ms)).toBeLessThanOrEqual(cap);
            }
            const inMinute = window.filter((o) => o.at.getTime() > s.at.getTime() - MINUTE);
            expect(inMinute.length).toBeLessThanOrEqual(platform.spendsPerMinute);
            const perSpend = referenceCap(limits, platform, "perSpendCoins", s.at);
            if (perSpend !== null) expect(s.coins).toBeLessThanOrEqual(perSpend);
          }
        }),
      );
    });

    it("leaves cap minus spent minus amount when allowed", () => {
      fc.assert(
        fc.property(scenarioArb, (scenario) => {
          const { rateCard, limits, attempts } = simulate(scenario);
          for (const { history, now, coins, result } of attempts) {
            if (!result.allowed) continue;
            for (const { field, ms } of WINDOWS) {
              const cap = referenceCap(limits, rateCard.platformLimits, field, now);
              const expected = cap === null ? null : cap - spentIn(history, now, ms) - coins;
              expect(result.remaining[field]).toBe(expected);
            }
            expect(result.remaining.perSpendCoins).toBe(
              referenceCap(limits, rateCard.platformLimits, "perSpendCoins", now),
            );
          }
        }),
      );
    });

    it("allows the same spend at retryAt and not a millisecond earlier when denied", () => {
      fc.assert(
        fc.property(scenarioArb, (scenario) => {
          const { rateCard, limits, attempts } = simulate(scenario);
          for (const { history, coins, result } of attempts) {
            if (result.allowed || result.retryAt === null) continue;
            const retryAt = result.retryAt;
            expect(checkSpend(history, limits, coins, retryAt, rateCard).allowed).toBe(true);
            const justBefore = new Date(retryAt.getTime() - 1);
            expect(checkSpend(history, limits, coins, justBefore, rateCard).allowed).toBe(false);
          }
        }),
      );
    });
  });
});
