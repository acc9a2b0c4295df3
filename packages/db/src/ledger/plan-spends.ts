import { type ComboStreak, continueCombo, splitCarriedGift } from "@coinstream/core";
import {
  type BatchPlan,
  BatchPlanner,
  type BatchSnapshot,
  type PlannedResult,
} from "./plan-batch.ts";
import type {
  CreatorSpendState,
  MessageSpendState,
  PersonSpendState,
  SpendDecision,
  SpendRequest,
  SpendRow,
} from "./spend-types.ts";
import type { TransferRequest } from "./types.ts";

/** One submission of a batch: plain transfers, or a spend the batch decides. */
export type Submission =
  | { readonly transfers: readonly TransferRequest[]; readonly spend?: undefined }
  | { readonly spend: SpendRequest; readonly transfers?: undefined };

/** The spend state a batch read (after its locks), keyed as `spendKeys` names them. */
export interface SpendSnapshot {
  readonly persons: ReadonlyMap<string, PersonSpendState>;
  readonly creators: ReadonlyMap<string, CreatorSpendState>;
  /** Last combo per `comboKey(creator, viewer)`. */
  readonly combos: ReadonlyMap<string, ComboStreak | undefined>;
  /** Price and block per `comboKey(creator, sender)` of the spends asking for `creator.messages`. */
  readonly messages: ReadonlyMap<string, MessageSpendState>;
  /** Per `firstKey(creator, viewer, kind)`: live, and no event of the viewer's of that kind in the session. */
  readonly firsts: ReadonlyMap<string, boolean>;
  /** Coins on this batch's carry lane per `carryKey(creator, shareBps)` (no entry: no lane yet). */
  readonly carries: ReadonlyMap<string, bigint>;
}

export interface PlannedSpend {
  readonly refusal?: { readonly error: unknown };
  readonly results: PlannedResult[];
  readonly diamonds: number;
  readonly balance: bigint;
  readonly firstFailure: string | null;
}

export interface EventRow {
  readonly creatorUserId: string;
  readonly viewerUserId: string;
  readonly kind: string;
  readonly transferId: string;
  readonly coins: bigint;
  readonly diamonds: number;
  readonly payload: Readonly<Record<string, unknown>>;
}

export type RowWrite = SpendRow & {
  readonly transferId: string;
  readonly userId: string;
  readonly coins: bigint;
  readonly diamonds: number;
};

/** What the spends add to the batch's write. */
export interface SpendWrites {
  /** New coins on the lane per carry key; `isNew` when the lane is to be inserted. */
  readonly carries: Map<
    string,
    { creatorUserId: string; shareBps: number; coins: bigint; isNew: boolean }
  >;
  readonly events: EventRow[];
  readonly rows: RowWrite[];
}

export const carryKey = (creatorUserId: string, shareBps: number) =>
  `${creatorUserId}\u0000${shareBps}`;
export const comboKey = (creatorUserId: string, viewerUserId: string) =>
  `${creatorUserId}\u0000${viewerUserId}`;
export const firstKey = (creatorUserId: string, viewerUserId: string, kind: string) =>
  `${creatorUserId}\u0000${viewerUserId}\u0000${kind}`;

/**
 * Plans a batch whose submissions may be spends, in submission order: each spend is decided by
 * its own rules on the person's state as the spends before it left it (history, combos, first
 * events of a session, carry, boosts, cosmetics), then planned like any transfers. Pure.
 */
export function planSubmissions(
  submissions: readonly Submission[],
  snapshot: BatchSnapshot,
  lockedAccounts: ReadonlySet<string>,
  spendSnapshot: SpendSnapshot,
): {
  plan: BatchPlan;
  spends: (PlannedSpend | undefined)[];
  writes: SpendWrites;
} {
  const planner = new BatchPlanner(snapshot, lockedAccounts);
  const memory = new SpendMemory(spendSnapshot);
  const writes: SpendWrites = { carries: new Map(), events: [], rows: [] };
  const spends: (PlannedSpend | undefined)[] = [];
  const results = submissions.map((submission) => {
    if (!submission.spend) {
      spends.push(undefined);
      return planner.apply(submission.transfers);
    }
    const planned = planSpend(submission.spend, planner, snapshot, memory, writes);
    spends.push(planned);
    return planned.results;
  });
  return { plan: planner.finish(results), spends, writes };
}

function planSpend(
  spend: SpendRequest,
  planner: BatchPlanner,
  snapshot: BatchSnapshot,
  memory: SpendMemory,
  writes: SpendWrites,
): PlannedSpend {
  const { share, event } = spend;
  // Stored under an older id: the spend is a retry of that one.
  const legacyId = spend.legacyCoinLegIds?.find((id) => planner.lookup(id) !== undefined);
  const coinLeg = legacyId ? { ...spend.coinLeg, id: legacyId } : spend.coinLeg;
  const wallet = coinLeg.debitAccountId ?? "";
  const firstFailure = snapshot.failed.get(coinLeg.id) ?? null;
  const stored = planner.lookup(coinLeg.id);
  const coins = stored && spend.retryPaysStored ? stored.amount : (coinLeg.amount ?? 0n);
  const person = memory.person(spend.userId);
  const creator = spend.creator ? memory.creator(spend.creator.userId) : undefined;
  const messages = spend.creator?.messages
    ? memory.messages(spend.creator.userId, spend.userId)
    : undefined;
  const refused = (error: unknown): PlannedSpend => ({
    refusal: { error },
    results: [],
    diamonds: 0,
    balance: planner.available(wallet),
    firstFailure,
  });

  let decision: SpendDecision;
  try {
    decision = spend.decide({
      now: snapshot.now,
      stored,
      person,
      creator,
      messages,
    });
  } catch (error) {
    decision = { ok: false, error, yieldsToBalance: false };
  }
  if (!decision.ok) {
    // Short of coins as well: the ledger's refusal (remembered against the id) answers first.
    const short = !stored && decision.yieldsToBalance && planner.available(wallet) < coins;
    if (!short) return refused(decision.error);
    decision = { ok: true };
  }

  const metadata = { ...coinLeg.metadata, ...decision.metadata };
  let diamonds = 0;
  let carried: { key: string; coinsAfter: bigint } | undefined;
  let eventRow: EventRow | undefined;
  let combo: { key: string; streak: ComboStreak } | undefined;
  try {
    if (stored) {
      // A retry repeats the first attempt: its stored diamonds, no carry, no new event.
      const storedDiamonds = share ? planner.lookup(share.diamondLeg.id)?.amount : undefined;
      diamonds = storedDiamonds === undefined ? 0 : Number(storedDiamonds);
    } else if (share) {
      const key = carryKey(share.creatorUserId, share.shareBps);
      const split = splitCarriedGift(memory.carry(key), Number(coins), share.shareBps);
      diamonds = split.diamonds;
      carried = { key, coinsAfter: split.coinsAfter };
    }
    if (!stored && event) {
      if (event.combo) {
        const key = comboKey(event.creatorUserId, spend.userId);
        const last = memory.combo(key);
        const streak = continueCombo(last, {
          id: coinLeg.id,
          viewerId: spend.userId,
          streamId: event.creatorUserId,
          giftId: event.combo.giftId,
          count: event.combo.count,
          at: Math.max(snapshot.now.getTime(), last?.lastAt ?? 0),
        });
        combo = { key, streak };
      }
      eventRow = {
        creatorUserId: event.creatorUserId,
        viewerUserId: spend.userId,
        kind: event.kind,
        transferId: coinLeg.id,
        coins,
        diamonds,
        payload: event.payload({
          diamonds,
          combo: combo?.streak,
          at: snapshot.now,
          firstInSession:
            event.firstInSession === true &&
            memory.first(firstKey(event.creatorUserId, spend.userId, event.kind)),
          person,
        }),
      };
    }
  } catch (error) {
    return refused(error);
  }

  const transfers: TransferRequest[] = [{ ...coinLeg, amount: coins, metadata }];
  // Nothing for the creator this time (a first 1-coin rose at 50%): no diamond leg.
  if (share && diamonds > 0) {
    transfers.push({ ...share.diamondLeg, amount: BigInt(diamonds), metadata });
  }
  const results = planner.apply(transfers);
  const row = (written: SpendRow): RowWrite => ({
    ...written,
    transferId: coinLeg.id,
    userId: spend.userId,
    coins,
    diamonds,
  });
  const accepted = results[0]?.result;
  if (accepted === "ok" || accepted === "exists") {
    for (const written of spend.rows ?? []) writes.rows.push(row(written));
  }
  if (!stored && accepted === "ok") {
    memory.spent(spend.userId, Number(coins), snapshot.now);
    if (carried && share) {
      memory.setCarry(carried.key, carried.coinsAfter);
      writes.carries.set(carried.key, {
        creatorUserId: share.creatorUserId,
        shareBps: share.shareBps,
        coins: carried.coinsAfter,
        isNew: !memory.hasLane(carried.key),
      });
    }
    if (combo) memory.setCombo(combo.key, combo.streak);
    if (eventRow && event) {
      // Any event of the kind counts as the viewer's in the session, asked about or not.
      memory.notFirst(firstKey(event.creatorUserId, spend.userId, event.kind));
      writes.events.push(eventRow);
    }
    for (const written of decision.rows ?? []) {
      writes.rows.push(row(written));
      memory.wrote(spend.userId, coinLeg.id, written);
    }
  }
  return { results, diamonds, balance: planner.available(wallet), firstFailure };
}

/** The spend state as the batch's accepted spends so far changed it. */
class SpendMemory {
  private readonly persons = new Map<string, PersonSpendState>();
  private readonly creators = new Map<string, CreatorSpendState>();
  private readonly combos = new Map<string, ComboStreak | undefined>();
  private readonly carries = new Map<string, bigint>();
  private readonly seen = new Set<string>();

  constructor(private readonly snapshot: SpendSnapshot) {}

  person(userId: string): PersonSpendState {
    const known = this.persons.get(userId) ?? this.snapshot.persons.get(userId);
    if (!known) throw new Error(`no spend state read for ${userId}`);
    return known;
  }

  creator(userId: string): CreatorSpendState {
    return (
      this.creators.get(userId) ??
      this.snapshot.creators.get(userId) ?? { live: false, boostEndsAt: null }
    );
  }

  messages(creatorUserId: string, senderUserId: string): MessageSpendState {
    const known = this.snapshot.messages.get(comboKey(creatorUserId, senderUserId));
    return known ?? { priceCoins: null, blocked: false };
  }

  combo(key: string): ComboStreak | undefined {
    return this.combos.has(key) ? this.combos.get(key) : this.snapshot.combos.get(key);
  }

  /** No event of this (creator, viewer, kind) in the live session yet, this batch's included. */
  first(key: string): boolean {
    return !this.seen.has(key) && this.snapshot.firsts.get(key) === true;
  }

  notFirst(key: string) {
    this.seen.add(key);
  }

  carry(key: string): bigint {
    return this.carries.get(key) ?? this.snapshot.carries.get(key) ?? 0n;
  }

  hasLane(key: string): boolean {
    return this.snapshot.carries.has(key);
  }

  setCombo(key: string, streak: ComboStreak) {
    this.combos.set(key, streak);
  }

  setCarry(key: string, coins: bigint) {
    this.carries.set(key, coins);
  }

  spent(userId: string, coins: number, at: Date) {
    const person = this.person(userId);
    this.persons.set(userId, { ...person, history: [...person.history, { coins, at }] });
  }

  wrote(userId: string, transferId: string, row: SpendRow) {
    if (row.table === "viewer_cosmetics") {
      const person = this.person(userId);
      this.persons.set(userId, {
        ...person,
        cosmetics: [...person.cosmetics, { itemId: row.itemId, transferId }],
      });
    } else if (row.table === "stream_boosts") {
      const creator = this.creator(row.creatorUserId);
      const later =
        creator.boostEndsAt === null || row.endsAt.getTime() > creator.boostEndsAt.getTime();
      if (later) this.creators.set(row.creatorUserId, { ...creator, boostEndsAt: row.endsAt });
    }
  }
}
