import type { RateCard } from "@coinstream/core";
import { toSafeInteger, valueDiamondsUsdMinor } from "@coinstream/core";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

import { accountId, type Tx } from "@coinstream/db";
import { paidEvents, tailEvents } from "../analytics/paid-events.ts";

export type EarningsWindowName = "today" | "week" | "month";

export interface EarningsWindow {
  readonly window: EarningsWindowName;
  /** The window's start (the creator's local midnight, 0, 6 or 29 days ago); it runs to now. */
  readonly from: string;
  /** Gifts, tips and paid messages received. */
  readonly events: number;
  readonly coins: number;
  /** Diamonds credited to the hold: the ledger's gift, tip and message credits. */
  readonly diamonds: number;
  /** `diamonds` at the rate card's withdrawal rate, before payout fees. */
  readonly valueUsdMinor: number;
  /** Diamonds taken back in the window (refunded or disputed purchases' gifts). */
  readonly reversedDiamonds: number;
}

/**
 * The starts of today, the last 7 days and the last 30 days, each from the creator's local
 * midnight (`utcOffsetMinutes` east of UTC, as the dashboard's clock says).
 */
export function earningsWindowStarts(now: Date, utcOffsetMinutes: number) {
  const offsetMs = utcOffsetMinutes * 60_000;
  const midnight = Math.floor((now.getTime() + offsetMs) / DAY_MS) * DAY_MS - offsetMs;
  return {
    today: new Date(midnight),
    week: new Date(midnight - 6 * DAY_MS),
    month: new Date(midnight - 29 * DAY_MS),
  } satisfies Record<EarningsWindowName, Date>;
}

const ceilHour = (at: Date) => new Date(Math.ceil(at.getTime() / HOUR_MS) * HOUR_MS);

/**
 * Earnings per window from the hourly roll-ups (whole hours), the events of the partial hour at
 * the window's start (a local midnight need not fall on a UTC hour), and the unfolded tail: each
 * event counted once, so the figures equal the ledger's credits at any moment.
 */
export async function readEarningsWindows(
  tx: Tx,
  creatorUserId: string,
  foldedBelow: string,
  starts: Record<EarningsWindowName, Date>,
  rateCard: RateCard,
): Promise<EarningsWindow[]> {
  const held = accountId({ ownerId: creatorUserId, purpose: "creator_held" });
  const names = Object.keys(starts) as EarningsWindowName[];
  const rows = await Promise.all(
    names.map(async (window) => {
      const from = starts[window];
      const hour = ceilHour(from);
      const [row] = await tx<
        { events: bigint; coins: bigint; diamonds: bigint; reversed: bigint }[]
      >`
        with parts as (
          select events, coins, diamonds from creator_hourly_totals
          where creator_user_id = ${creatorUserId} and hour >= ${hour}
          union all
          select 1, coins, diamonds from (${paidEvents(
            tx,
            tx`creator_user_id = ${creatorUserId} and created_at >= ${from} and created_at < ${hour}`,
          )}) partial_hour
          union all
          select 1, coins, diamonds from (${tailEvents(tx, creatorUserId, foldedBelow)}) tail
          where created_at >= ${hour}
        )
        select coalesce(sum(events), 0)::int8 as events, coalesce(sum(coins), 0)::int8 as coins,
               coalesce(sum(diamonds), 0)::int8 as diamonds,
               (select coalesce(sum(amount), 0) from ledger_transfers
                where debit_account_id = ${held} and code = 'gift_reversal'
                  and created_at >= ${from})::int8 as reversed
        from parts`;
      const diamonds = toSafeInteger(row?.diamonds ?? 0n);
      return {
        window,
        from: from.toISOString(),
        events: toSafeInteger(row?.events ?? 0n),
        coins: toSafeInteger(row?.coins ?? 0n),
        diamonds,
        valueUsdMinor: valueDiamondsUsdMinor(diamonds, rateCard),
        reversedDiamonds: toSafeInteger(row?.reversed ?? 0n),
      };
    }),
  );
  return rows;
}
