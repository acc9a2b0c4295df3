import {
  CARD_DISPUTE_DAYS,
  checkEligibility,
  DomainError,
  DomainErrorCode,
  normalizeCreatorHandle,
  RATE_CARD,
  toSafeInteger,
} from "@coinstream/core";
import { accountId, ensureAccounts, getBalances, type Sql } from "@coinstream/db";
import { creditReleaseSql } from "../earnings/gift-hold.ts";
import type { ViewerContext } from "../service-context.ts";
import { loadReceiveStanding } from "../strikes/creator-standing.ts";
import { viewerFacts } from "../viewer-facts.ts";

/**
 * A creator's channels: verified first, then those whose follower count counts (read from the
 * page, or entered and approved), then by followers. The first is the one eligibility counts.
 */
export async function listCreatorChannels(sql: Sql, userId: string) {
  return sql<
    {
      platform: string;
      channel: string;
      followers: number;
      followersVerified: boolean;
      followersCounted: boolean;
      followersReview: "pending" | "approved" | "rejected" | null;
      verified: boolean;
    }[]
  >`
    select platform, channel, followers, followers_verified as "followersVerified",
      followers_counted as "followersCounted", followers_review as "followersReview",
      verified_at is not null as verified from creator_channels
    where creator_user_id = ${userId} and unlinked_at is null
    order by verified_at is null, followers_counted desc, followers desc`;
}

/** What eligibility knows of a creator's best channel (see `listCreatorChannels`). */
export function channelFacts(
  best: { verified: boolean; followers: number; followersCounted: boolean } | undefined,
) {
  return best
    ? {
        verified: best.verified,
        followers: best.followers,
        followersVerified: best.followersCounted,
      }
    : null;
}

/** Makes the caller a creator under `handle` (the name pages declare); idempotent for the same handle. */
export async function registerCreator(
  { sql, viewer }: Pick<ViewerContext, "sql" | "viewer">,
  input: { handle: string },
) {
  const handle = normalizeCreatorHandle(input.handle);
  if (!handle) {
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      "A handle is 2 to 30 letters, digits, dots, dashes or underscores, starting with a letter or digit.",
    );
  }
  const inserted = await sql`
    insert into creators (user_id, handle) values (${viewer.userId}, ${handle})
    on conflict do nothing`;
  const [row] = await sql<
    { handle: string }[]
  >`select handle from creators where user_id = ${viewer.userId}`;
  if (inserted.count === 0 && row?.handle !== handle) {
    throw new DomainError(
      DomainErrorCode.FORBIDDEN_CHANGE,
      row ? `You are already @${row.handle}.` : `@${handle} is taken.`,
    );
  }
  await ensureAccounts(sql, [
    { ownerId: viewer.userId, purpose: "creator_held" },
    { ownerId: viewer.userId, purpose: "creator_available" },
  ]);
  return { handle };
}

/**
 * Where a creator stands: their channels, whether they can receive gifts and withdraw (with
 * everything still missing), and their diamonds held, available and reserved.
 */
export async function getCreatorStatus({
  sql,
  viewer,
  now,
}: Pick<ViewerContext, "sql" | "viewer" | "now">) {
  const [creator] = await sql<{ handle: string; tier: string }[]>`
    select handle, tier from creators where user_id = ${viewer.userId}`;
  if (!creator) return { isCreator: false as const };
  const channels = await listCreatorChannels(sql, viewer.userId);
  const best = channels[0];
  const [payoutMethod] = await sql<{ method: string; label: string; in_review: boolean }[]>`
    select method, label, review_opened_at is not null as in_review from payout_methods
    where user_id = ${viewer.userId}`;
  const facts = viewerFacts(viewer, {
    channel: channelFacts(best),
    hasPayoutMethod: Boolean(payoutMethod),
    ...(await loadReceiveStanding(sql, viewer.userId, now)),
  });
  const held = accountId({ ownerId: viewer.userId, purpose: "creator_held" });
  const available = accountId({ ownerId: viewer.userId, purpose: "creator_available" });
  const balances = await getBalances(sql, [held, available]);
  // Credits still held: the usual 7 days, or up to 30 more for new-buyer coins (`holdUntil`).
  const [next] = await sql.unsafe<{ at: Date | null }[]>(
    `select min(release_at) as at from (
       select ${creditReleaseSql("t", "$3")} as release_at from ledger_transfers t
       where t.credit_account_id = $1 and t.phase = 'single' and t.created_at > $2) credits
     where release_at > $4`,
    [
      held,
      new Date(now.getTime() - (RATE_CARD.payout.holdDays + CARD_DISPUTE_DAYS) * 86_400_000),
      RATE_CARD.payout.holdDays,
      now,
    ],
  );
  const receive = checkEligibility("receive", facts, now);
  const withdraw = checkEligibility("withdraw", facts, now);
  return {
    isCreator: true as const,
    handle: creator.handle,
    tier: creator.tier,
    channels,
    /**
     * Where withdrawals are paid (the label the creator gave), or null before one is set;
     * `inReview`: a change waits for an admin, and withdrawals to it are held until approved.
     */
    payoutMethod: payoutMethod
      ? { method: payoutMethod.method, label: payoutMethod.label, inReview: payoutMethod.in_review }
      : null,
    canReceive: receive.allowed,
    receiveMissing: receive.allowed ? [] : receive.reasons,
    canWithdraw: withdraw.allowed,
    withdrawMissing: withdraw.allowed ? [] : withdraw.reasons,
    diamonds: {
      held: toSafeInteger(balances.get(held)?.available ?? 0n),
      available: toSafeInteger(balances.get(available)?.available ?? 0n),
      reserved: toSafeInteger(balances.get(available)?.debitsPending ?? 0n),
      nextReleaseAt: next?.at ? new Date(next.at).toISOString() : null,
    },
  };
}
