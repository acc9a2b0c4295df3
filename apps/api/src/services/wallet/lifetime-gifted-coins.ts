import type { Sql } from "@coinstream/db";

/** Gift and tip transfers read past the checkpoint before a read moves it forward. */
export const CHECKPOINT_AFTER_TRANSFERS = 100;

/**
 * Coins a wallet has given in gifts and tips, ever, in time independent of its history: the
 * wallet's checkpoint plus the gift and tip transfers after it (an index range on the wallet's
 * debits by seq). When that tail has grown, the read moves the checkpoint forward to its newest
 * transfer. That is exact because a wallet's spends commit one batch at a time (the batch holds
 * the wallet's row lock from before its inserts until its commit): a gift or tip not yet committed always has a higher seq than every committed
 * one of its wallet, so it lands after any checkpoint a snapshot can produce.
 */
export async function readLifetimeGiftedCoins(sql: Sql, walletId: string): Promise<bigint> {
  const [row] = await sql<{ coins: bigint; last_seq: bigint | null; tail: bigint }[]>`
    select coalesce(c.gifted_coins, 0)::int8 + coalesce(t.coins, 0)::int8 as coins,
           t.last_seq, t.tail
    from (select ${walletId}::uuid as wallet_id) w
    left join wallet_gifted_checkpoints c on c.wallet_id = w.wallet_id
    cross join lateral (
      select sum(amount)::int8 as coins, max(seq) as last_seq, count(*)::int8 as tail
      from ledger_transfers
      where debit_account_id = w.wallet_id and seq > coalesce(c.through_seq, 0)
        and code in ('gift', 'tip') and phase = 'single'
    ) t`;
  const coins = row?.coins ?? 0n;
  if (row && row.last_seq !== null && row.tail >= CHECKPOINT_AFTER_TRANSFERS) {
    // Racing readers each write a consistent pair; the newest one wins and it never moves back.
    await sql`
      insert into wallet_gifted_checkpoints (wallet_id, gifted_coins, through_seq)
      values (${walletId}, ${coins}, ${row.last_seq})
      on conflict (wallet_id) do update
        set gifted_coins = excluded.gifted_coins, through_seq = excluded.through_seq, updated_at = now()
        where wallet_gifted_checkpoints.through_seq < excluded.through_seq`;
  }
  return coins;
}
