import {
  checkWithdrawal,
  type PayoutMethod,
  quoteWithdrawal,
  toSafeInteger,
  valueDiamondsUsdMinor,
} from "@coinstream/core";
import { accountId, getBalances } from "@coinstream/db";
import { readFolded } from "../analytics/read-folded.ts";
import { topGiftersInRange } from "../analytics/top-gifters.ts";
import { rateCardFor } from "../rate-card/get-active-rate-card.ts";
import type { CreatorContext } from "../service-context.ts";
import { earningsWindowStarts, readEarningsWindows } from "./earnings-windows.ts";
import { readHeldSchedule } from "./held-schedule.ts";

export const TOP_SUPPORTERS = 5;

/**
 * The studio's money-first overview, in one read-only snapshot: earnings today, in 7 and in 30
 * days (diamonds and their cash value), held diamonds with the day each part becomes available,
 * available diamonds and what withdrawing them would pay now (core's payout rules, the creator's
 * payout method), and the top supporters of the last 30 days. Cash is US cents: payouts are made
 * in US dollars (no exchange rate is configured).
 */
export async function getStudioOverview(
  ctx: Pick<CreatorContext, "sql" | "creator" | "now">,
  input: { readonly utcOffsetMinutes: number },
) {
  const { sql, now } = ctx;
  const { userId } = ctx.creator;
  const rateCard = await rateCardFor(ctx);
  const starts = earningsWindowStarts(now, input.utcOffsetMinutes);
  return readFolded(sql, async (tx, foldedBelow) => {
    const windows = await readEarningsWindows(tx, userId, foldedBelow, starts, rateCard);
    const held = accountId({ ownerId: userId, purpose: "creator_held" });
    const available = accountId({ ownerId: userId, purpose: "creator_available" });
    const balances = await getBalances(tx, [held, available]);
    const heldDiamonds = toSafeInteger(balances.get(held)?.available ?? 0n);
    const availableDiamonds = toSafeInteger(balances.get(available)?.available ?? 0n);
    const reservedDiamonds = toSafeInteger(balances.get(available)?.debitsPending ?? 0n);
    const { schedule, releasingNowDiamonds } = await readHeldSchedule(
      tx,
      userId,
      heldDiamonds,
      now,
      input.utcOffsetMinutes,
      rateCard,
    );

    const [method] = await tx<{ method: PayoutMethod }[]>`
      select method from payout_methods where user_id = ${userId}`;
    const [history] = await tx<{ usd_24h: bigint }[]>`
      select coalesce(sum(net_usd_minor) filter (
               where status <> 'failed' and created_at > ${new Date(now.getTime() - 86_400_000)}), 0)::int8 as usd_24h
      from withdrawals where user_id = ${userId}`;
    const quoteMethod = method?.method ?? "bank";
    const quote =
      availableDiamonds > 0
        ? quoteWithdrawal({ diamonds: availableDiamonds, method: quoteMethod }, rateCard)
        : null;
    const decision =
      availableDiamonds > 0
        ? checkWithdrawal(
            {
              diamonds: availableDiamonds,
              availableDiamonds,
              withdrawnLast24hUsdMinor: toSafeInteger(history?.usd_24h ?? 0n),
              hasPayoutMethod: Boolean(method),
            },
            rateCard,
          )
        : null;

    const month = windows.find((w) => w.window === "month");
    const [allTime] = await tx<{ events: bigint }[]>`
      select ((select coalesce(sum(events), 0) from creator_supporters where creator_user_id = ${userId})
        + (select count(*) from stream_events where creator_user_id = ${userId}
             and kind in ('gift', 'tip', 'message') and tx >= ${foldedBelow}::xid8))::int8 as events`;
    const top = await topGiftersInRange(
      tx,
      userId,
      foldedBelow,
      { from: starts.month, to: new Date(now.getTime() + 1), bucket: "hour" },
      { eventsInRange: BigInt(month?.events ?? 0), eventsAllTime: allTime?.events ?? 0n },
      TOP_SUPPORTERS,
    );

    return {
      currency: "USD" as const,
      rateCardVersion: rateCard.version,
      earnings: windows,
      held: {
        diamonds: heldDiamonds,
        valueUsdMinor: valueDiamondsUsdMinor(heldDiamonds, rateCard),
        /** Past their release, moved to available by the release job within a minute. */
        releasingNowDiamonds,
        schedule,
      },
      available: {
        diamonds: availableDiamonds,
        valueUsdMinor: valueDiamondsUsdMinor(availableDiamonds, rateCard),
        /** Reserved by withdrawals on their way. */
        reservedDiamonds,
      },
      /** What withdrawing every available diamond would pay now, before requesting it. */
      withdrawal: quote
        ? {
            diamonds: quote.diamonds,
            method: quoteMethod,
            /** No payout method yet: the quote uses bank transfer's fees. */
            isMethodAssumed: !method,
            grossUsdMinor: quote.grossUsdMinor,
            feeUsdMinor: quote.feeUsdMinor,
            netUsdMinor: quote.netUsdMinor,
            allowed: decision?.allowed ?? false,
            /** The most that can be withdrawn right now (the daily maximum, the minimum). */
            maxDiamonds: decision?.maxDiamonds ?? 0,
            reasons: decision && !decision.allowed ? decision.reasons : [],
          }
        : null,
      topSupporters: top.map((supporter, index) => ({
        rank: index + 1,
        name: supporter.name,
        coins: toSafeInteger(supporter.coins),
      })),
    };
  });
}
