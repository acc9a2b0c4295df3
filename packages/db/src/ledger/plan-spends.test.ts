import { randomUUID } from "node:crypto";
import { checkSpend, type SpendRecord, splitCarriedGift } from "@coinstream/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AccountInfo, BatchSnapshot } from "./plan-batch.ts";
import {
  carryKey,
  comboKey,
  firstKey,
  planSubmissions,
  type SpendSnapshot,
  type Submission,
} from "./plan-spends.ts";
import type {
  MessageSpendState,
  PersonSpendState,
  SpendDecision,
  SpendFacts,
  SpendRequest,
} from "./spend-types.ts";

const NOW = new Date("2030-01-01T00:00:00.000Z");
const DAY_MS = 24 * 3_600_000;
const account = (asset: "COIN" | "DIAMOND", limited: boolean, hot: boolean): AccountInfo => ({
  id: randomUUID(),
  asset,
  debitsMustNotExceedCredits: limited,
  hot,
});
const REVENUE = account("COIN", false, true);
const ISSUANCE = account("DIAMOND", false, true);
const HELD = account("DIAMOND", true, true);
const CREATOR = "creator-1";
const CREATED_AT = new Date(NOW.getTime() - 400 * DAY_MS); // past the new-account cap

function person(history: readonly SpendRecord[] = []): PersonSpendState {
  return {
    frozen: false,
    frozenReason: null,
    owedCoins: 0n,
    guardianLink: null,
    limitSettings: null,
    history,
    newBuyerPurchases: [],
    cosmetics: [],
    entranceEffect: null,
  };
}

/** The API's cap rule, reduced: a daily cap the person set, refusals yield to the balance. */
const capAt =
  (dailyCoins: number, coins: number) =>
  (facts: SpendFacts): SpendDecision => {
    const decision = checkSpend(
      facts.person.history,
      { viewer: { dailyCoins }, accountCreatedAt: CREATED_AT },
      coins,
      NOW,
    );
    return decision.allowed
      ? { ok: true }
      : { ok: false, error: decision.reason, yieldsToBalance: true };
  };

interface Viewer {
  readonly userId: string;
  readonly wallet: AccountInfo;
  readonly balance: bigint;
  readonly history: SpendRecord[];
}

function gift(viewer: Viewer, coins: number, dailyCap: number, shareBps: number): SpendRequest {
  const id = randomUUID();
  return {
    userId: viewer.userId,
    coinLeg: {
      id,
      debitAccountId: viewer.wallet.id,
      creditAccountId: REVENUE.id,
      asset: "COIN",
      amount: BigInt(coins),
      code: "gift",
      linkedGroup: id,
    },
    share: {
      creatorUserId: CREATOR,
      shareBps,
      diamondLeg: {
        id: randomUUID(),
        debitAccountId: ISSUANCE.id,
        creditAccountId: HELD.id,
        asset: "DIAMOND",
        code: "gift_diamonds",
        linkedGroup: id,
      },
    },
    decide: capAt(dailyCap, coins),
  };
}

function plan(
  viewers: readonly Viewer[],
  spends: readonly SpendRequest[],
  carried: bigint,
  shareBps: number,
  messages: ReadonlyMap<string, MessageSpendState> = new Map(),
  firsts: ReadonlyMap<string, boolean> = new Map(),
) {
  const accounts = new Map(
    [REVENUE, ISSUANCE, HELD, ...viewers.map((viewer) => viewer.wallet)].map((a) => [a.id, a]),
  );
  const snapshot: BatchSnapshot = {
    now: NOW,
    accounts,
    lockedTotals: new Map(
      viewers.map((viewer) => [
        viewer.wallet.id,
        { debitsPosted: 0n, creditsPosted: viewer.balance, debitsPending: 0n, creditsPending: 0n },
      ]),
    ),
    existing: new Map(),
    failed: new Map(),
    resolutions: new Map(),
  };
  const spendSnapshot: SpendSnapshot = {
    persons: new Map(viewers.map((viewer) => [viewer.userId, person(viewer.history)])),
    creators: new Map(),
    combos: new Map(),
    messages,
    firsts,
    carries: new Map([[carryKey(CREATOR, shareBps), carried]]),
  };
  const submissions: Submission[] = spends.map((spend) => ({ spend }));
  return planSubmissions(
    submissions,
    snapshot,
    new Set(viewers.map((viewer) => viewer.wallet.id)),
    spendSnapshot,
  );
}

const spendArb = fc.record({ viewer: fc.nat({ max: 2 }), coins: fc.integer({ min: 1, max: 400 }) });

describe("planSubmissions", () => {
  it("decides many spends of one batch exactly as one at a time would (caps, balance, carry)", () => {
    fc.assert(
      fc.property(
        fc.array(spendArb, { minLength: 1, maxLength: 60 }),
        fc.array(fc.integer({ min: 0, max: 3_000 }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.integer({ min: 0, max: 1_500 }), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 100, max: 2_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.bigInt({ min: 0n, max: 1_000n }),
        (draws, balances, spentEarlier, dailyCap, shareBps, carried) => {
          const viewers: Viewer[] = balances.map((balance, index) => ({
            userId: `viewer-${index}`,
            wallet: account("COIN", true, false),
            balance: BigInt(balance),
            // Spent earlier today, an hour ago (within the day's window).
            history:
              (spentEarlier[index] ?? 0) > 0
                ? [{ coins: spentEarlier[index] ?? 0, at: new Date(NOW.getTime() - 3_600_000) }]
                : [],
          }));
          const spends = draws.map((draw) =>
            gift(viewers[draw.viewer] as Viewer, draw.coins, dailyCap, shareBps),
          );
          const { spends: planned, writes } = plan(viewers, spends, carried, shareBps);

          // The sequential reference: the same rules, one spend after another.
          const history = viewers.map((viewer) => [...viewer.history]);
          const balance = viewers.map((viewer) => viewer.balance);
          let lane = carried;
          draws.forEach((draw, index) => {
            const got = planned[index];
            const decision = checkSpend(
              history[draw.viewer] as SpendRecord[],
              { viewer: { dailyCoins: dailyCap }, accountCreatedAt: CREATED_AT },
              draw.coins,
              NOW,
            );
            const short = (balance[draw.viewer] as bigint) < BigInt(draw.coins);
            if (!decision.allowed && !short) {
              expect(got?.refusal?.error).toBe(decision.reason);
              return;
            }
            expect(got?.refusal).toBeUndefined();
            if (short) {
              expect(got?.results[0]?.result).toBe("exceeds_credits");
              return;
            }
            const split = splitCarriedGift(lane, draw.coins, shareBps);
            lane = split.coinsAfter;
            expect(got?.results[0]?.result).toBe("ok");
            expect(got?.diamonds).toBe(split.diamonds);
            expect(got?.results).toHaveLength(split.diamonds > 0 ? 2 : 1);
            (history[draw.viewer] as SpendRecord[]).push({ coins: draw.coins, at: NOW });
            balance[draw.viewer] = (balance[draw.viewer] as bigint) - BigInt(draw.coins);
            expect(got?.balance).toBe(balance[draw.viewer]);
          });
          // The cap holds for every person however many of their spends share the batch.
          for (const spent of history) {
            expect(spent.reduce((sum, record) => sum + record.coins, 0)).toBeLessThanOrEqual(
              Math.max(dailyCap, spent[0]?.coins ?? 0),
            );
          }
          const lastCarry = writes.carries.get(carryKey(CREATOR, shareBps));
          expect(lastCarry?.coins ?? carried).toBe(lane);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("refuses only the spend whose rules throw, and writes nothing for it", () => {
    const viewer: Viewer = {
      userId: "viewer-0",
      wallet: account("COIN", true, false),
      balance: 1_000n,
      history: [],
    };
    const first = gift(viewer, 10, 10_000, 5_000);
    const broken: SpendRequest = {
      ...gift(viewer, 10, 10_000, 5_000),
      decide: () => {
        throw new Error("a bug in one spend's rules");
      },
    };
    const last = gift(viewer, 10, 10_000, 5_000);
    const { spends, plan: batch, writes } = plan([viewer], [first, broken, last], 0n, 5_000);
    expect(spends.map((spend) => spend?.refusal === undefined)).toEqual([true, false, true]);
    expect(batch.inserts).toHaveLength(4); // two gifts, each with its diamond leg
    expect(writes.carries.get(carryKey(CREATOR, 5_000))?.coins).toBe(20n);
    expect(spends[2]?.balance).toBe(980n);
  });
});

describe("planSubmissions retries", () => {
  const viewer: Viewer = {
    userId: "viewer-0",
    wallet: account("COIN", true, false),
    balance: 1_000n,
    history: [],
  };
  const shown: SpendFacts[] = [];
  /** A paid message at `coins`, the price the viewer was shown, under one fixed pair of ids. */
  const message = (base: SpendRequest, coins: number): SpendRequest => ({
    ...base,
    coinLeg: { ...base.coinLeg, amount: BigInt(coins), code: "message" },
    creator: { userId: CREATOR, messages: true },
    retryPaysStored: true,
    rows: [{ table: "paid_messages", creatorUserId: CREATOR, senderName: "Ada", body: "hi" }],
    decide: (facts) => {
      shown.push(facts);
      return { ok: true };
    },
  });

  it("pays what the first attempt paid and writes the inbox row again (idempotent) when a message is retried", () => {
    const base = gift(viewer, 100, 10_000, 5_000);
    const prices = new Map([
      [comboKey(CREATOR, viewer.userId), { priceCoins: 250, blocked: true }],
    ]);
    const {
      spends,
      plan: batch,
      writes,
    } = plan([viewer], [message(base, 100), message(base, 250)], 0n, 5_000, prices);
    expect(spends.map((spend) => spend?.results.map((r) => r.result))).toEqual([
      ["ok", "ok"],
      ["exists", "exists"],
    ]);
    expect(spends[1]?.balance).toBe(900n);
    expect(batch.inserts.map((row) => row.amount)).toEqual([100n, 50n]);
    expect(shown.at(-1)?.messages).toEqual({ priceCoins: 250, blocked: true });
    expect(writes.rows).toMatchObject([
      { table: "paid_messages", transferId: base.coinLeg.id, coins: 100n, diamonds: 50 },
      { table: "paid_messages", transferId: base.coinLeg.id, coins: 100n, diamonds: 50 },
    ]);
    expect(writes.events).toHaveLength(0); // no event given
  });

  it("writes no inbox row for a message refused by the ledger or by its rules", () => {
    const poor: Viewer = {
      ...viewer,
      userId: "viewer-1",
      wallet: account("COIN", true, false),
      balance: 10n,
    };
    const refused: SpendRequest = {
      ...message(gift(viewer, 100, 10_000, 5_000), 100),
      decide: () => ({ ok: false, error: new Error("blocked"), yieldsToBalance: false }),
    };
    const { spends, writes } = plan(
      [viewer, poor],
      [refused, message(gift(poor, 100, 10_000, 5_000), 100)],
      0n,
      5_000,
    );
    expect(spends[0]?.refusal).toBeDefined();
    expect(spends[1]?.results[0]?.result).toBe("exceeds_credits");
    expect(writes.rows).toEqual([]);
  });

  it("replays a spend stored under a legacy id instead of paying again under the new one", () => {
    const first = gift(viewer, 100, 10_000, 5_000);
    const renamed: SpendRequest = {
      ...first,
      coinLeg: { ...first.coinLeg, id: randomUUID() },
      legacyCoinLegIds: [first.coinLeg.id],
    };
    const { spends, plan: batch } = plan([viewer], [first, renamed], 0n, 5_000);
    expect(spends[1]?.results[0]).toMatchObject({ result: "exists", transferId: first.coinLeg.id });
    expect(batch.inserts).toHaveLength(2);
    expect(spends[1]?.balance).toBe(900n);
  });
});

describe("planSubmissions firstInSession", () => {
  /** A gift whose event asks whether it is the viewer's first of the session, and says so. */
  const sessionGift = (viewer: Viewer, coins: number): SpendRequest => ({
    ...gift(viewer, coins, 1_000_000, 5_000),
    event: {
      kind: "gift",
      creatorUserId: CREATOR,
      firstInSession: true,
      payload: ({ firstInSession }) => ({ firstInSession }),
    },
  });

  it("marks only each viewer's first accepted gift of the session, however the batch is cut", () => {
    fc.assert(
      fc.property(
        fc.array(spendArb, { minLength: 1, maxLength: 40 }),
        fc.array(fc.integer({ min: 0, max: 1_000 }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
        (draws, balances, firstInStore) => {
          const viewers: Viewer[] = balances.map((balance, index) => ({
            userId: `viewer-${index}`,
            wallet: account("COIN", true, false),
            balance: BigInt(balance),
            history: [],
          }));
          const firsts = new Map(
            viewers.map((viewer, index) => [
              firstKey(CREATOR, viewer.userId, "gift"),
              firstInStore[index] ?? false,
            ]),
          );
          const spends = draws.map((draw) =>
            sessionGift(viewers[draw.viewer] as Viewer, draw.coins),
          );
          const { spends: planned, writes } = plan(viewers, spends, 0n, 5_000, new Map(), firsts);

          // The sequential reference: a viewer's first accepted gift, if the store had none.
          const balance = viewers.map((viewer) => viewer.balance);
          const stillFirst = [...firstInStore];
          const expected: boolean[] = [];
          draws.forEach((draw) => {
            if ((balance[draw.viewer] as bigint) < BigInt(draw.coins)) return;
            balance[draw.viewer] = (balance[draw.viewer] as bigint) - BigInt(draw.coins);
            expected.push(stillFirst[draw.viewer] ?? false);
            stillFirst[draw.viewer] = false;
          });
          expect(planned.filter((spend) => spend?.results[0]?.result === "ok")).toHaveLength(
            expected.length,
          );
          expect(writes.events.map((event) => event.payload.firstInSession)).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("says false when the event does not ask, and counts that event as the viewer's", () => {
    const viewer: Viewer = {
      userId: "viewer-0",
      wallet: account("COIN", true, false),
      balance: 100n,
      history: [],
    };
    const fresh = sessionGift(viewer, 10);
    const unasked: SpendRequest = {
      ...fresh,
      event: { ...(fresh.event as NonNullable<SpendRequest["event"]>), firstInSession: false },
    };
    const firsts = new Map([[firstKey(CREATOR, viewer.userId, "gift"), true]]);
    const { writes } = plan(
      [viewer],
      [unasked, sessionGift(viewer, 10)],
      0n,
      5_000,
      new Map(),
      firsts,
    );
    expect(writes.events.map((event) => event.payload.firstInSession)).toEqual([false, false]);
  });
});
