import { RATE_CARD, type RateCard } from "@coinstream/core";
import { ensureAccounts, getBalances, type Ledger, type Sql, transferIdFor } from "@coinstream/db";
import { lockCreatorHold } from "./lock-creator-hold.ts";

interface HoldRow {
  held: string;
  owner_id: string;
  old_credits: bigint;
  released: bigint;
  reversed_old: bigint;
}

/**
 * What a hold owes its creator at `now` (`cutoff` = now less the hold): credits at or before the
 * cutoff whose own `holdUntil` (new-buyer coins) has passed too, less releases and reversals of
 * such gifts.
 */
function holdsAt(sql: Pick<Sql, "unsafe">, now: Date, cutoff: Date, held: string | null) {
  return sql.unsafe<HoldRow[]>(
    `select a.id as held, a.owner_id,
      (select coalesce(sum(amount), 0) from ledger_transfers t
        where t.credit_account_id = a.id and t.phase = 'single' and t.created_at <= $1
          and coalesce((t.metadata->>'holdUntil')::timestamptz, '-infinity') <= $3)::int8 as old_credits,
      (select coalesce(sum(amount), 0) from ledger_transfers t
        where t.debit_account_id = a.id and t.phase = 'single' and t.code = 'release')::int8 as released,
      (select coalesce(sum(amount), 0) from ledger_transfers t
        where t.debit_account_id = a.id and t.phase = 'single' and t.code = 'gift_reversal'
          and (t.metadata->>'giftAt')::timestamptz <= $1
          and coalesce((t.metadata->>'giftHoldUntil')::timestamptz, '-infinity') <= $3)::int8 as reversed_old
    from ledger_accounts a where a.purpose = 'creator_held' and ($2::uuid is null or a.id = $2::uuid)`,
    [cutoff, held, now],
  );
}

const releasable = (row: HoldRow) => row.old_credits - row.released - row.reversed_old;

/**
 * Moves every creator's diamonds that have been held for the hold period (7 days, or until the
 * gift's own `holdUntil` when new-buyer coins paid for it) to their available balance. Releasable = credits at or before the cutoff, less releases, less reversals
 * of gifts made at or before it (a reversal of a recent gift must not delay older diamonds),
 * capped at the held balance. Each creator's release is computed under the hold's lock, and its
 * id names the released total it brings the hold to, so a rerun releases nothing twice.
 */
export async function releaseHeldDiamonds(
  sql: Sql,
  ledger: Ledger,
  now: Date,
  rateCard: RateCard = RATE_CARD,
) {
  const cutoff = new Date(now.getTime() - rateCard.payout.holdDays * 86_400_000);
  const candidates = (await holdsAt(sql, now, cutoff, null)).filter((row) => releasable(row) > 0n);
  let released = 0n;
  for (const candidate of candidates) {
    const [available] = await ensureAccounts(sql, [
      { ownerId: candidate.owner_id, purpose: "creator_available" },
    ]);
    released += await sql.begin(async (tx) => {
      await lockCreatorHold(tx, candidate.owner_id);
      const [row] = await holdsAt(tx, now, cutoff, candidate.held);
      const heldBalance = (await getBalances(tx, [candidate.held])).get(candidate.held);
      if (!row || !heldBalance) return 0n;
      const owed = releasable(row);
      // Never more than is held (another debit may have taken some).
      // biome-ignore lint/complexity/useMathMinMax: bigints, which Math.min does not take
      const amount = heldBalance.available < owed ? heldBalance.available : owed;
      if (amount <= 0n) return 0n;
      const [result] = await ledger.createTransfers([
        {
          id: transferIdFor(`release:${row.held}`, (row.released + amount).toString()),
          debitAccountId: row.held,
          creditAccountId: available as string,
          asset: "DIAMOND",
          amount,
          code: "release",
          metadata: { heldUntil: cutoff.toISOString() },
        },
      ]);
      return result?.result === "ok" ? amount : 0n;
    });
  }
  return { released };
}
