import type { Sql } from "../client.ts";
import type { AccountCache } from "./account-cache.ts";
import { accountsToLock } from "./accounts-to-lock.ts";
import { isUuid } from "./ids.ts";
import type { BatchPlan, NewTransferRow, PlannedResult } from "./plan-batch.ts";
import {
  planSubmissions,
  type RowWrite,
  type SpendWrites,
  type Submission,
} from "./plan-spends.ts";
import {
  fromTransferJson,
  type TotalsRow,
  TRANSFER_COLUMNS,
  TRANSFER_JSON_COLUMNS,
  type TransferJson,
  type TransferRow,
  toStoredTransfer,
  toTotals,
  totalsRecords,
} from "./rows.ts";
import { lockBoosts, lockCarries, readSpendFacts, spendKeys } from "./spend-reads.ts";
import type { SpendOutcome } from "./spend-types.ts";
import type {
  AccountTotals,
  StoredTransfer,
  TransferPhase,
  TransferRequest,
  TransferResult,
} from "./types.ts";

type Tx = Awaited<ReturnType<Sql["reserve"]>>;

/**
 * Writes one batch in one transaction: read what the batch depends on (locking every account
 * whose row changes), plan it in memory, write the plan. BEGIN travels with the reads and COMMIT
 * with the write, so a batch costs two round trips whatever its size (three when it resolves
 * pending transfers). `slot` is this writer's slot for
 * hot accounts.
 */
export async function commitBatch(
  sql: Sql,
  submissions: readonly Submission[],
  slot: number,
  lane: number,
  accountCache: AccountCache,
): Promise<(TransferResult[] | SpendOutcome)[]> {
  const requestIds = new Set<string>();
  const pendingIds = new Set<string>();
  const accountIds = new Set<string>();
  // What each submission may write, for the accounts to lock (a spend's diamond leg at most).
  const possible = submissions.map(possibleTransfers);
  for (const transfers of possible) {
    for (const t of transfers) {
      if (isUuid(t.id)) requestIds.add(t.id);
      if (t.pendingId !== undefined && isUuid(t.pendingId)) pendingIds.add(t.pendingId);
      for (const id of [t.debitAccountId, t.creditAccountId])
        if (id !== undefined && isUuid(id)) accountIds.add(id);
    }
  }
  // A spend's older coin leg ids are read with the stored ids: one of them stored makes it a retry.
  for (const { spend } of submissions) {
    for (const id of spend?.legacyCoinLegIds ?? []) if (isUuid(id)) requestIds.add(id);
  }
  const keys = spendKeys(submissions);

  const tx = await sql.reserve();
  try {
    const begun = tx`begin`.execute();
    begun.catch(() => {}); // its failure surfaces through the statements queued behind it
    // Every ledger statement is an index lookup. Statements are prepared, and a plan cached
    // while a table was small would otherwise keep scanning it whole as it grows.
    tx`set local enable_seqscan = off`.execute().catch(() => {});
    const pendingTargets = await readTransfers(tx, [...pendingIds]);
    for (const target of pendingTargets.values()) {
      accountIds.add(target.debitAccountId);
      accountIds.add(target.creditAccountId);
    }
    const accounts = await accountCache.get(tx, [...accountIds]);
    const locked = accountsToLock(possible, accounts, pendingTargets);
    const hotLocked = locked.filter((id) => accounts.get(id)?.hot);

    // One round trip, in this order: the account rows, then the carry lanes, then the boost
    // locks (every batch locks in that order, so none deadlock), then the reads, which run after
    // the locks are held and so see every commit the locks waited for.
    const [lockedTotals, carries, , reads, facts] = await Promise.all([
      lockAccounts(tx, locked, hotLocked),
      keys && lockCarries(tx, keys, lane),
      keys && lockBoosts(tx, keys),
      readBatchState(tx, [...requestIds], [...pendingIds]),
      keys && readSpendFacts(tx, keys),
    ]);
    const existing = new Map([...reads.existing, ...pendingTargets]);
    const { plan, spends, writes } = planSubmissions(
      submissions,
      {
        now: reads.now,
        accounts,
        lockedTotals,
        existing,
        failed: reads.failed,
        resolutions: reads.resolutions,
      },
      new Set(locked),
      {
        persons: facts?.persons ?? new Map(),
        creators: facts?.creators ?? new Map(),
        combos: facts?.combos ?? new Map(),
        messages: facts?.messages ?? new Map(),
        firsts: facts?.firsts ?? new Map(),
        carries: carries ?? new Map(),
      },
    );
    await begun; // settled long ago; never write outside a transaction
    // A failed write aborts the transaction, and COMMIT then only rolls it back.
    const [inserted] = await Promise.all([writePlan(tx, plan, slot, lane, writes), tx`commit`]);
    const transfers = new Map([...existing, ...inserted]);
    const stored = (results: PlannedResult[]) =>
      results.map((planned): TransferResult => {
        if (!("transferId" in planned)) return planned;
        const transfer = transfers.get(planned.transferId) as StoredTransfer;
        return { id: planned.id, result: planned.result, transfer };
      });
    return plan.results.map((results, index) => {
      const spend = spends[index];
      if (!spend) return stored(results);
      return { ...spend, results: stored(spend.results) };
    });
  } catch (error) {
    await tx`rollback`.catch(() => {});
    throw error;
  } finally {
    tx.release();
  }
}

/** A submission's transfers, or every transfer a spend may write (its diamond leg at 1 diamond). */
function possibleTransfers(submission: Submission): readonly TransferRequest[] {
  if (!submission.spend) return submission.transfers;
  const { coinLeg, share } = submission.spend;
  return share ? [coinLeg, { ...share.diamondLeg, amount: 1n }] : [coinLeg];
}

interface BatchReads {
  readonly existing: Map<string, StoredTransfer>;
  readonly failed: Map<string, string>;
  readonly resolutions: Map<string, TransferPhase>;
  readonly now: Date;
}

/** Stored transfers and failures under the batch's ids, resolutions of its pendings, and now: one statement. */
async function readBatchState(tx: Tx, ids: string[], pendingIds: string[]): Promise<BatchReads> {
  const [row] = await tx.unsafe<
    {
      existing: TransferJson[];
      failed: { id: string; result: string }[];
      resolutions: { pending_id: string; phase: TransferPhase }[];
      now: Date;
    }[]
  >(
    `select
      (select coalesce(json_agg(t), '[]') from (
         select ${TRANSFER_JSON_COLUMNS} from ledger_transfers where id = any($1::uuid[])) t) as existing,
      (select coalesce(json_agg(f), '[]') from (
         select id, result from ledger_failed_transfers where id = any($1::uuid[])) f) as failed,
      (select coalesce(json_agg(r), '[]') from (
         select pending_id, phase from ledger_transfers
         where pending_id is not null and pending_id = any($2::uuid[])) r) as resolutions,
      now() as now`,
    [ids, pendingIds],
    { prepare: true },
  );
  if (!row) throw new Error("reading the batch state returned no row");
  return {
    existing: new Map(row.existing.map((json) => [json.id, fromTransferJson(json)])),
    failed: new Map(row.failed.map((failure) => [failure.id, failure.result])),
    resolutions: new Map(
      row.resolutions.map((resolution) => [resolution.pending_id, resolution.phase]),
    ),
    now: row.now,
  };
}

async function readTransfers(tx: Tx, ids: string[]): Promise<Map<string, StoredTransfer>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.unsafe<TransferRow[]>(
    `select ${TRANSFER_COLUMNS} from ledger_transfers where id = any($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((row) => [row.id, toStoredTransfer(row)]));
}

/**
 * Locks the rows in id order (FOR UPDATE), rolls the slots of hot ones into their rows, and
 * returns the locked totals.
 */
async function lockAccounts(
  tx: Tx,
  locked: string[],
  hotLocked: string[],
): Promise<Map<string, AccountTotals>> {
  if (locked.length === 0) return new Map();
  const lockRows = tx.unsafe<({ id: string } & TotalsRow)[]>(
    `select id, debits_posted, credits_posted, debits_pending, credits_pending
     from ledger_accounts where id = any($1::uuid[]) order by id for update`,
    [locked],
    { prepare: true },
  );
  if (hotLocked.length === 0) {
    const rows = await lockRows;
    return new Map(rows.map((row) => [row.id, toTotals(row)]));
  }
  const [, , rows] = await Promise.all([
    lockRows,
    tx`
      with moved as (
        delete from ledger_account_slots where account_id = any(${hotLocked}::uuid[]) returning *
      ), sums as (
        select account_id, sum(debits_posted) dp, sum(credits_posted) cp,
               sum(debits_pending) dpe, sum(credits_pending) cpe
        from moved group by account_id
      )
      update ledger_accounts a
      set debits_posted = a.debits_posted + s.dp, credits_posted = a.credits_posted + s.cp,
          debits_pending = a.debits_pending + s.dpe, credits_pending = a.credits_pending + s.cpe
      from sums s where a.id = s.account_id`,
    tx<({ id: string } & TotalsRow)[]>`
      select id, debits_posted, credits_posted, debits_pending, credits_pending
      from ledger_accounts where id = any(${hotLocked}::uuid[])`,
  ]);
  const totals = new Map((await lockRows).map((row) => [row.id, toTotals(row)]));
  for (const row of rows) totals.set(row.id, toTotals(row));
  return totals;
}

/**
 * Writes the whole plan in one statement: new transfers, row totals, this writer's slot totals
 * and remembered failures, each a data-modifying CTE fed by one JSON document.
 */
async function writePlan(
  tx: Tx,
  plan: BatchPlan,
  slot: number,
  lane: number,
  writes: SpendWrites,
): Promise<Map<string, StoredTransfer>> {
  if (
    plan.inserts.length +
      plan.rowDeltas.size +
      plan.slotDeltas.size +
      plan.failures.length +
      writes.rows.length ===
    0
  ) {
    return new Map();
  }
  const transfers = plan.inserts.map((row, ord) => ({
    ord,
    id: row.id,
    debit_account_id: row.debitAccountId,
    credit_account_id: row.creditAccountId,
    asset: row.asset,
    amount: row.amount.toString(),
    code: row.code,
    phase: row.phase,
    pending_id: row.pendingId,
    linked_group: row.linkedGroup,
    timeout_at: row.timeoutAt?.toISOString() ?? null,
    metadata: row.metadata,
  }));
  const inserted = await tx<{ id: string; seq: bigint; created_at: Date }[]>`
    with new_transfers as (
      insert into ledger_transfers
        (id, debit_account_id, credit_account_id, asset, amount, code, phase, pending_id,
         linked_group, timeout_at, metadata)
      select id, debit_account_id, credit_account_id, asset, amount, code, phase, pending_id,
             linked_group, timeout_at, coalesce(metadata, '{}'::jsonb)
      from jsonb_to_recordset(${JSON.stringify(transfers)}::text::jsonb) as r(
        ord int4, id uuid, debit_account_id uuid, credit_account_id uuid, asset text, amount int8,
        code text, phase text, pending_id uuid, linked_group text, timeout_at timestamptz,
        metadata jsonb)
      order by ord
      returning id, seq, created_at
    ), row_totals as (
      update ledger_accounts a
      set debits_posted = a.debits_posted + d.dp, credits_posted = a.credits_posted + d.cp,
          debits_pending = a.debits_pending + d.dpe, credits_pending = a.credits_pending + d.cpe
      from jsonb_to_recordset(${totalsRecords(plan.rowDeltas)}::text::jsonb)
        as d(id uuid, dp int8, cp int8, dpe int8, cpe int8)
      where a.id = d.id
    ), slot_totals as (
      insert into ledger_account_slots
        (account_id, slot, debits_posted, credits_posted, debits_pending, credits_pending)
      select d.id, ${slot}, d.dp, d.cp, d.dpe, d.cpe
      from jsonb_to_recordset(${totalsRecords(plan.slotDeltas)}::text::jsonb)
        as d(id uuid, dp int8, cp int8, dpe int8, cpe int8)
      on conflict (account_id, slot) do update set
        debits_posted = ledger_account_slots.debits_posted + excluded.debits_posted,
        credits_posted = ledger_account_slots.credits_posted + excluded.credits_posted,
        debits_pending = ledger_account_slots.debits_pending + excluded.debits_pending,
        credits_pending = ledger_account_slots.credits_pending + excluded.credits_pending
    ), failures as (
      insert into ledger_failed_transfers (id, result)
      select id, result from jsonb_to_recordset(${JSON.stringify(plan.failures)}::text::jsonb)
        as f(id uuid, result text)
      on conflict (id) do nothing
    ), carries as (
      update creator_share_carries c set coins = d.coins
      from jsonb_to_recordset(${JSON.stringify(carryRecords(writes, lane, false))}::text::jsonb)
        as d(creator_user_id text, share_bps int4, lane int2, coins int8)
      where c.creator_user_id = d.creator_user_id and c.share_bps = d.share_bps and c.lane = d.lane
    ), new_carries as (
      insert into creator_share_carries (creator_user_id, share_bps, lane, coins)
      select d.creator_user_id, d.share_bps, d.lane, d.coins
      from jsonb_to_recordset(${JSON.stringify(carryRecords(writes, lane, true))}::text::jsonb)
        as d(creator_user_id text, share_bps int4, lane int2, coins int8)
    ), events as (
      insert into stream_events
        (creator_user_id, viewer_user_id, kind, transfer_id, coins, diamonds, session_id, payload)
      select e.creator_user_id, e.viewer_user_id, e.kind, e.transfer_id, e.coins, e.diamonds,
        (select s.id from stream_sessions s
         where s.creator_user_id = e.creator_user_id and s.ended_at is null),
        e.payload || jsonb_build_object('viewerStyle', (
          select jsonb_build_object('badgeFrame', p.badge_frame, 'nameColor', p.name_color)
          from viewer_profiles p where p.user_id = e.viewer_user_id))
      from jsonb_to_recordset(${JSON.stringify(eventRecords(writes))}::text::jsonb)
        as e(ord int4, creator_user_id text, viewer_user_id text, kind text, transfer_id uuid,
             coins int8, diamonds int8, payload jsonb)
      order by e.ord
      on conflict (transfer_id) do nothing
    ), boosts as (
      insert into stream_boosts (id, creator_user_id, buyer_user_id, minutes, coins, ends_at)
      select b.transfer_id, b.creator_user_id, b.user_id, b.minutes, b.coins, b.ends_at
      from jsonb_to_recordset(${JSON.stringify(rowRecords(writes, "stream_boosts"))}::text::jsonb)
        as b(transfer_id uuid, creator_user_id text, user_id text, minutes int4, coins int8,
             ends_at timestamptz)
      on conflict (id) do nothing
    ), cosmetics as (
      insert into viewer_cosmetics (user_id, item_id, transfer_id, coins)
      select v.user_id, v.item_id, v.transfer_id, v.coins
      from jsonb_to_recordset(${JSON.stringify(rowRecords(writes, "viewer_cosmetics"))}::text::jsonb)
        as v(user_id text, item_id text, transfer_id uuid, coins int8)
      on conflict do nothing
    ), messages as (
      insert into paid_messages
        (id, creator_user_id, sender_user_id, sender_name, body, coins, diamonds)
      select m.transfer_id, m.creator_user_id, m.user_id, m.sender_name, m.body, m.coins, m.diamonds
      from jsonb_to_recordset(${JSON.stringify(rowRecords(writes, "paid_messages"))}::text::jsonb)
        as m(transfer_id uuid, creator_user_id text, user_id text, sender_name text, body text,
             coins int8, diamonds int8)
      on conflict (id) do nothing
    )
    select * from new_transfers`;
  const rows = new Map(plan.inserts.map((row) => [row.id, row]));
  return new Map(
    inserted.map(({ id, seq, created_at }) => {
      const row = rows.get(id) as NewTransferRow;
      return [id, { ...row, seq, createdAt: created_at }];
    }),
  );
}

function carryRecords(writes: SpendWrites, lane: number, isNew: boolean) {
  return [...writes.carries.values()]
    .filter((carry) => carry.isNew === isNew)
    .map((carry) => ({
      creator_user_id: carry.creatorUserId,
      share_bps: carry.shareBps,
      lane,
      coins: carry.coins.toString(),
    }));
}

function eventRecords(writes: SpendWrites) {
  return writes.events.map((event, ord) => ({
    ord,
    creator_user_id: event.creatorUserId,
    viewer_user_id: event.viewerUserId,
    kind: event.kind,
    transfer_id: event.transferId,
    coins: event.coins.toString(),
    diamonds: event.diamonds,
    payload: event.payload,
  }));
}

function rowRecords(writes: SpendWrites, table: RowWrite["table"]) {
  return writes.rows
    .filter((row) => row.table === table)
    .map((row) => ({
      transfer_id: row.transferId,
      user_id: row.userId,
      coins: row.coins.toString(),
      ...rowColumns(row),
    }));
}

function rowColumns(row: RowWrite) {
  switch (row.table) {
    case "stream_boosts":
      return {
        creator_user_id: row.creatorUserId,
        minutes: row.minutes,
        ends_at: row.endsAt.toISOString(),
      };
    case "viewer_cosmetics":
      return { item_id: row.itemId };
    case "paid_messages":
      // created_at is the transaction's time, the coin leg's own.
      return {
        creator_user_id: row.creatorUserId,
        sender_name: row.senderName,
        body: row.body,
        diamonds: row.diamonds,
      };
  }
}
