import { CARD_DISPUTE_DAYS, type RateCard, toSafeInteger } from "@coinstream/core";

const DAY_MS = 86_400_000;

import { accountId, type Tx } from "@coinstream/db";
import { creditReleaseSql } from "../earnings/gift-hold.ts";

export interface HeldRelease {
  /** When the first of these diamonds leaves the hold (the release job moves them within a minute). */
  readonly releaseAt: string;
  readonly diamonds: number;
}

/**
 * What the hold still owes the creator, by the day (the creator's local day) each part becomes
 * available: credits whose release is still ahead, less reversals of such gifts. The rest of
 * the held balance has passed its release and waits for the job (`releasingNowDiamonds`).
 */
export async function readHeldSchedule(
  tx: Tx,
  creatorUserId: string,
  heldDiamonds: number,
  now: Date,
  utcOffsetMinutes: number,
  rateCard: RateCard,
) {
  const held = accountId({ ownerId: creatorUserId, purpose: "creator_held" });
  const since = new Date(now.getTime() - (rateCard.payout.holdDays + CARD_DISPUTE_DAYS) * DAY_MS);
  const rows = await tx.unsafe<{ release_at: Date; diamonds: bigint }[]>(
    `with parts as (
       select ${creditReleaseSql("t", "$3")} as release_at, t.amount as diamonds
       from ledger_transfers t
       where t.credit_account_id = $1 and t.phase = 'single' and t.created_at > $2
       union all
       select greatest((t.metadata->>'giftAt')::timestamptz + make_interval(days => $3),
                       coalesce((t.metadata->>'giftHoldUntil')::timestamptz, '-infinity')),
              -t.amount
       from ledger_transfers t
       where t.debit_account_id = $1 and t.phase = 'single' and t.code = 'gift_reversal'
         and t.created_at > $2
     )
     select min(release_at) as release_at, sum(diamonds)::int8 as diamonds from parts
     where release_at > $4
     group by date_trunc('day', release_at + make_interval(mins => $5), 'UTC')
     order by 1`,
    [held, since, rateCard.payout.holdDays, now, utcOffsetMinutes],
  );
  const schedule: HeldRelease[] = rows
    .map((row) => ({
      releaseAt: new Date(row.release_at).toISOString(),
      diamonds: toSafeInteger(row.diamonds),
    }))
    .filter((part) => part.diamonds > 0);
  const scheduled = schedule.reduce((sum, part) => sum + part.diamonds, 0);
  return { schedule, releasingNowDiamonds: Math.max(0, heldDiamonds - scheduled) };
}
