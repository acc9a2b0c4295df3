import {
  type CreatorTier,
  checkEligibility,
  DomainError,
  DomainErrorCode,
  type EligibilityReason,
  normalizeCreatorHandle,
  parseStreamUrl,
} from "@coinstream/core";
import type { Sql } from "@coinstream/db";
import type { TtlCache } from "../../caches/ttl-cache.ts";
import type { ServiceContext } from "../service-context.ts";
import { STRIKE_LOOKBACK_DAYS, suspensionFrom } from "../strikes/creator-standing.ts";

/**
 * Where a gift goes: a stream page's URL, or the handle a page declares. A declared handle may
 * carry the declaring page's `origin`: then the creator is found only when that origin is one of
 * their verified website channels (the extension always sends it for meta-tag pages, so a page
 * cannot borrow a creator it does not belong to).
 */
export type StreamTarget =
  | { readonly url: string }
  | { readonly handle: string; readonly origin?: string | undefined };

export interface ResolvedCreator {
  readonly userId: string;
  readonly handle: string;
  readonly tier: CreatorTier;
  readonly shareOverrideBps: number | null;
  readonly channel: {
    readonly platform: string;
    readonly channel: string;
    readonly verified: boolean;
    readonly followers: number;
    /** Read from the page or entered and approved: only such a count counts. */
    readonly followersVerified: boolean;
  } | null;
  readonly canReceive: boolean;
  /** Why gifts cannot reach this creator now (empty when they can). */
  readonly reasons: readonly EligibilityReason[];
}

export type Resolution =
  | { readonly found: true; readonly creator: ResolvedCreator }
  | { readonly found: false; readonly reason: string };

export interface CreatorRow {
  user_id: string;
  handle: string;
  tier: CreatorTier;
  share_override_bps: number | null;
  platform: string | null;
  channel: string | null;
  followers: number | null;
  followers_counted: boolean | null;
  verified: boolean | null;
  date_of_birth: Date;
  region: string;
  email_verified: boolean;
  created_at: Date;
  frozen: boolean;
  /** Epoch ms of strikes not withdrawn that could still suspend (`STRIKE_LOOKBACK_DAYS`). */
  strike_times: number[];
  guidelines_accepted: boolean;
  /** With an `origin`: whether it is one of the creator's verified website channels. */
  website_verified?: boolean;
}

/** The host a website channel records (`claimWebsite` keeps `url.host`), or null. */
export function websiteHostOf(origin: string): string | null {
  try {
    const url = new URL(origin);
    return url.protocol === "https:" || url.protocol === "http:" ? url.host.toLowerCase() : null;
  } catch {
    return null;
  }
}

/** The facts a resolution is decided from (eligibility is decided per call, with its `now`). */
export type CachedCreatorRow = CreatorRow | null;

/** Per-process caches of creator rows, by database pool (see `useCreatorCache`). */
const caches = new WeakMap<Sql, TtlCache<CachedCreatorRow>>();

/**
 * Caches this pool's creator rows in `cache` (null: read every time, the default). The cache must
 * be dropped on every change of creators, their channels and their users' eligibility facts, in
 * every process: `ProcessCaches` does it from the database's `coinstream_invalidate` NOTIFYs.
 */
export function useCreatorCache(sql: Sql, cache: TtlCache<CachedCreatorRow> | null): void {
  if (cache) caches.set(sql, cache);
  else caches.delete(sql);
}

/** The row for `key`, from this process's cache when it has it; unknown ones are cached too. */
async function readCreatorRow(
  sql: Sql,
  key: string,
  read: () => Promise<CreatorRow[]>,
): Promise<CreatorRow | undefined> {
  const cache = caches.get(sql);
  const nowMs = Date.now();
  const cached = cache?.get(key, nowMs);
  if (cached !== undefined) return cached ?? undefined;
  const epoch = cache?.epoch ?? 0;
  const [row] = await read();
  cache?.set(key, row ?? null, { tag: row?.user_id ?? null, epoch, nowMs });
  return row;
}

/**
 * The creator behind a stream page or a declared handle, and whether they can receive gifts now
 * (and if not, why: the same eligibility rules the ledger side enforces).
 */
export async function resolveCreator(
  sql: Sql,
  target: StreamTarget,
  now: Date,
): Promise<Resolution> {
  let query: { key: string; read: () => Promise<CreatorRow[]> };
  // Strikes that could still suspend, and whether the guidelines in effect are accepted: the
  // cached row keeps the strike times, so a suspension still ends on time from the cache.
  const standingColumns = sql`
    array(
      select (extract(epoch from s.issued_at) * 1000)::float8 from creator_strikes s
      where s.creator_user_id = c.user_id and s.withdrawn_at is null
        and s.issued_at > ${new Date(now.getTime() - STRIKE_LOOKBACK_DAYS * 86_400_000)}
    ) as strike_times,
    exists (
      select 1 from guidelines_acceptances a where a.user_id = c.user_id
        and a.version >= (select max(version) from guidelines_versions where effective_at <= ${now})
    ) as guidelines_accepted`;
  if ("url" in target) {
    const stream = parseStreamUrl(target.url);
    if (!stream)
      return { found: false, reason: "This page is not a live stream Coinstream knows." };
    if (!stream.channel) {
      return {
        found: false,
        reason: "Open the channel's page (not a single video) to send gifts to its creator.",
      };
    }
    const { platform, channel } = stream;
    query = {
      key: `url ${platform} ${channel}`,
      read: () => sql<CreatorRow[]>`
      select c.user_id, c.handle, c.tier, c.share_override_bps, ch.platform, ch.channel, ch.followers,
             ch.followers_counted, ch.verified_at is not null as verified, u.date_of_birth, u.region, u.email_verified, u.created_at,
             u.frozen_at is not null as frozen, ${standingColumns}
      from creator_channels ch join creators c on c.user_id = ch.creator_user_id join users u on u.id = c.user_id
      where ch.platform = ${platform} and ch.channel = ${channel}
        and ch.verified_at is not null and ch.unlinked_at is null`,
    };
  } else {
    const handle = normalizeCreatorHandle(target.handle);
    if (!handle) return { found: false, reason: "That is not a valid creator handle." };
    const website = target.origin === undefined ? null : websiteHostOf(target.origin);
    if (target.origin !== undefined && website === null) {
      return { found: false, reason: "That is not a website origin." };
    }
    query = {
      key: `handle ${handle} ${website ?? ""}`,
      read: () => sql<CreatorRow[]>`
      select c.user_id, c.handle, c.tier, c.share_override_bps, ch.platform, ch.channel, ch.followers,
             ch.followers_counted, ch.verified_at is not null as verified, u.date_of_birth, u.region, u.email_verified, u.created_at,
             u.frozen_at is not null as frozen, ${standingColumns},
             exists (
               select 1 from creator_channels w
               where w.creator_user_id = c.user_id and w.platform = 'web' and w.channel = ${website ?? ""}
                 and w.verified_at is not null and w.unlinked_at is null
             ) as website_verified
      from creators c join users u on u.id = c.user_id
      left join lateral (
        select platform, channel, followers, followers_counted, verified_at from creator_channels
        where creator_user_id = c.user_id and unlinked_at is null
        order by verified_at is null, followers_counted desc, followers desc limit 1
      ) ch on true
      where c.handle = ${handle}`,
    };
  }
  const row = await readCreatorRow(sql, query.key, query.read);
  if (!row) return { found: false, reason: "No Coinstream creator is linked to this stream yet." };
  if ("handle" in target && target.origin !== undefined && row.website_verified !== true) {
    return {
      found: false,
      reason: `This site is not a verified website of @${row.handle}, so gifts are not offered here.`,
    };
  }

  const channel =
    row.platform && row.channel
      ? {
          platform: row.platform,
          channel: row.channel,
          verified: row.verified === true,
          followers: row.followers ?? 0,
          followersVerified: row.followers_counted === true,
        }
      : null;
  const decision = checkEligibility(
    "receive",
    {
      dateOfBirth: row.date_of_birth,
      region: row.region,
      accountCreatedAt: row.created_at,
      emailVerified: row.email_verified,
      hasGuardian: false,
      frozen: row.frozen,
      suspendedUntil: suspensionFrom(row.strike_times, now),
      guidelinesAccepted: row.guidelines_accepted,
      channel: channel && {
        verified: channel.verified,
        followers: channel.followers,
        followersVerified: channel.followersVerified,
      },
      hasPayoutMethod: false,
    },
    now,
  );
  return {
    found: true,
    creator: {
      userId: row.user_id,
      handle: row.handle,
      tier: row.tier,
      shareOverrideBps: row.share_override_bps,
      channel,
      canReceive: decision.allowed,
      reasons: decision.allowed ? [] : decision.reasons,
    },
  };
}

/** The creator behind a stream page or handle, or `UNKNOWN_CREATOR` saying why there is none. */
export async function requireCreator(
  sql: Sql,
  target: StreamTarget,
  now: Date,
): Promise<ResolvedCreator> {
  const resolution = await resolveCreator(sql, target, now);
  if (!resolution.found) throw new DomainError(DomainErrorCode.UNKNOWN_CREATOR, resolution.reason);
  return resolution.creator;
}

/**
 * `streams.resolve`: the creator's handle, channel and readiness to receive, nothing about their
 * account (the answer is public).
 */
export async function resolvePublicCreator(
  { sql, now }: Pick<ServiceContext, "sql" | "now">,
  target: StreamTarget,
) {
  const resolution = await resolveCreator(sql, target, now);
  if (!resolution.found) return resolution;
  const { handle, channel, canReceive, reasons } = resolution.creator;
  return { found: true as const, creator: { handle, channel, canReceive, reasons } };
}
