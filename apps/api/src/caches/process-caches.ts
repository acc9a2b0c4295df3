import type { Sql } from "@coinstream/db";
import { PgChannelListener } from "../realtime/pg-channel-listener.ts";
import type { Viewer } from "../services/service-context.ts";
import { type CachedCreatorRow, useCreatorCache } from "../services/streams/resolve-creator.ts";
import { TtlCache } from "./ttl-cache.ts";

/** Where the database's triggers announce changes that cached entries depend on (migration 0024). */
export const INVALIDATIONS_CHANNEL = "coinstream_invalidate";

/**
 * How long an entry lives without an invalidation. Sessions: 1 s, so a revocation reaches every
 * process within a second even if its NOTIFY is lost; creators: a minute (a lost NOTIFY that
 * is noticed, a reopened LISTEN, drops everything at once).
 */
export const SESSION_TTL_MS = 1_000;
export const CREATOR_TTL_MS = 60_000;

export interface ProcessCachesOptions {
  readonly sessionTtlMs?: number;
  readonly creatorTtlMs?: number;
  /** The LISTEN's heartbeat (see `PgChannelListener`). */
  readonly checkEveryMs?: number;
}

/**
 * This process's caches of what rarely changes, and their invalidation:
 *
 * - `sessions`: the `Viewer` by a digest of the request's credentials.
 * - `creators`: creator resolution rows by stream URL or handle (for `resolveCreator` on `sql`).
 *
 * Triggers on users, sessions, creators and creator_channels NOTIFY `coinstream_invalidate` at
 * commit, whoever writes (Better Auth, services, admin commands, psql): `u:<user id>` drops that
 * person's sessions and creator entry, `c` drops every creator entry. Every process LISTENs
 * (also with NATS_URL set: the source is the database); a LISTEN that was cut drops everything.
 * The NOTIFY reaches every process within milliseconds of the commit; the TTLs are the backstop.
 */
export class ProcessCaches {
  readonly sessions: TtlCache<Viewer>;
  readonly creators: TtlCache<CachedCreatorRow>;
  private readonly listener: PgChannelListener;

  constructor(
    private readonly sql: Sql,
    options: ProcessCachesOptions = {},
  ) {
    this.sessions = new TtlCache(options.sessionTtlMs ?? SESSION_TTL_MS);
    this.creators = new TtlCache(options.creatorTtlMs ?? CREATOR_TTL_MS);
    this.listener = new PgChannelListener(sql, INVALIDATIONS_CHANNEL, options.checkEveryMs);
  }

  /** Listens for invalidations, then serves `resolveCreator` on this pool from the cache. */
  async start(): Promise<void> {
    await this.listener.start({
      message: (payload) => this.invalidate(payload),
      gap: () => this.clear(),
    });
    useCreatorCache(this.sql, this.creators);
  }

  async stop(): Promise<void> {
    useCreatorCache(this.sql, null);
    await this.listener.stop();
    this.clear();
  }

  invalidate(payload: string): void {
    if (payload.startsWith("u:")) {
      const userId = payload.slice(2);
      this.sessions.dropTag(userId);
      this.creators.dropTag(userId);
    } else if (payload === "c") {
      this.creators.clear();
    } else {
      this.clear();
    }
  }

  clear(): void {
    this.sessions.clear();
    this.creators.clear();
  }
}
