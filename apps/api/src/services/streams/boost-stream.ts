import { DomainError, DomainErrorCode, extendBoost, priceBoost } from "@coinstream/core";
import type { Sql } from "@coinstream/db";
import { getActiveRateCard } from "../rate-card/get-active-rate-card.ts";
import type { ViewerContext } from "../service-context.ts";
import {
  legacyPlatformSpendId,
  paymentToPlatform,
  refuseSpend,
  spendCoins,
  spendIdFor,
} from "../spending/spend-coins.ts";
import { ensureViewerWallet } from "../wallet/viewer-wallet.ts";
import { requireCreator, type StreamTarget } from "./resolve-creator.ts";

export interface BoostInput {
  readonly idempotencyKey: string;
  readonly to: StreamTarget;
  readonly minutes: number;
  readonly confirm: boolean;
  /** The person knows the stream is offline and boosts it anyway. */
  readonly confirmOffline?: boolean;
}

/**
 * Buys minutes of discovery promotion for a creator's stream. Boosts stack end to end up to the
 * rate card's maximum ahead of now; a boost that would pass it is refused before any coin moves.
 * One boost at a time per stream (a lock the ledger batch takes), so stacking is exact; retries
 * with the same key are safe.
 * A boost promotes only while the stream is live but starts now, so an offline stream is refused
 * (`STREAM_OFFLINE`) unless the person confirmed it (`confirmOffline`).
 */
export async function boostStream(
  { sql, ledger, viewer, now }: Pick<ViewerContext, "sql" | "ledger" | "viewer" | "now">,
  input: BoostInput,
) {
  const creator = await requireCreator(sql, input.to, now).catch((refusal: unknown) =>
    refuseSpend({ sql, viewer, now }, refusal),
  );
  const price = priceBoost(input.minutes, await getActiveRateCard(sql, now));
  const wallet = await ensureViewerWallet(sql, viewer.userId);
  const paymentId = spendIdFor(viewer.userId, input.idempotencyKey);

  let endsAt: Date | null = null;
  const { transfer, replayed } = await spendCoins(
    { ledger, viewer, now },
    {
      wallet,
      coins: price.coins,
      confirmed: input.confirm,
      coinLeg: paymentToPlatform({
        id: paymentId,
        wallet,
        coins: price.coins,
        code: "boost",
        metadata: {
          creatorUserId: creator.userId,
          handle: creator.handle,
          minutes: input.minutes,
          rateCardVersion: price.rateCardVersion,
        },
      }),
    },
    {
      // The batch holds the stream's boost lock, so stacking is exact, and writes the boost
      // with the coins; the stacking limit and an offline stream refuse before coins move.
      creator: { userId: creator.userId, boosts: true },
      legacyCoinLegIds: [legacyPlatformSpendId(viewer.userId, input.idempotencyKey, "boost")],
      check: ({ creator: stream }) => {
        if (!input.confirmOffline && !stream?.live) throw offlineError(creator);
        endsAt = extendBoost(stream?.boostEndsAt ?? null, input.minutes, now);
        const row = {
          table: "stream_boosts",
          creatorUserId: creator.userId,
          minutes: input.minutes,
          endsAt,
        } as const;
        return { rows: [row] };
      },
    },
  );
  if (replayed) {
    const [paid] = await sql<{ ends_at: Date }[]>`
      select ends_at from stream_boosts where id = ${transfer.id}`;
    endsAt = paid?.ends_at ?? null;
  }
  return {
    handle: creator.handle,
    coinsSpent: Number(transfer.amount),
    boostEndsAt: (endsAt as Date | null)?.toISOString() ?? null,
    replayed,
  };
}

function offlineError(creator: { readonly handle: string }): DomainError {
  return new DomainError(
    DomainErrorCode.STREAM_OFFLINE,
    `@${creator.handle} is offline right now. A boost only promotes a live stream, and its minutes start as soon as you pay; boost once they go live, or confirm that you want to boost an offline stream.`,
    { handle: creator.handle },
  );
}

/**
 * Marks boosts whose time is up (`expired_at`); ranking already ignores them from `ends_at` on.
 * Touches each boost once, so running it twice or concurrently changes nothing more.
 */
export async function expireBoosts(sql: Sql, now: Date): Promise<number> {
  const expired = await sql`
    update stream_boosts set expired_at = ${now}
    where expired_at is null and ends_at <= ${now}`;
  return expired.count;
}
