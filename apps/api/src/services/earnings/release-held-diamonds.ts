import { RATE_CARD, type RateCard } from "@coinstream/core";
import { accountId, type Ledger, type Sql, transferIdFor } from "@coinstream/db";

/**
 * Moves every creator's diamonds that have been held for the hold period (7 days) to their
 * available balance. Releasable = credits older than the cutoff less everything already taken
 * out of the hold (releases, reversals). Each release's id names the total it brings the hold up
 * to, so a rerun, or two workers at once, cannot release the same diamonds twice.
 */
export async function releaseHeldDiamonds(
  sql: Sql,
  ledger: Ledger,
  now: Date,
  rateCard: RateCard = RATE_CARD,
) {
  const cutoff = new Date(now.getTime() - rateCard.payout.holdDays * 86_400_000);
  const rows = await sql<{ held: string; owner_id: string; old_credits: bigint; debits: bigint }[]>`
    select a.id as held, a.owner_id,
      (select coalesce(sum(amount), 0) from ledger_transfers t
        where t.credit_account_id = a.id and t.phase = 'single' and t.created_at <= ${cutoff})::int8 as old_credits,
      (select coalesce(sum(amount), 0) from ledger_transfers t
        where t.debit_account_id = a.id and t.phase = 'single')::int8 as debits
    from ledger_accounts a where a.purpose = 'creator_held'`;
  let released = 0n;
  for (const row of rows) {
    const amount = row.old_credits - row.debits;
    if (amount <= 0n) continue;
    const [result] = await ledger.createTransfers([
      {
        id: transferIdFor(`release:${row.held}`, row.old_credits.toString()),
        debitAccountId: row.held,
        creditAccountId: accountId({ ownerId: row.owner_id, purpose: "creator_available" }),
        asset: "DIAMOND",
        amount,
        code: "release",
        metadata: { heldUntil: cutoff.toISOString() },
      },
    ]);
    if (result?.result === "ok") released += amount;
  }
  return { released };
}
