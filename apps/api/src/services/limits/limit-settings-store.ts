import {
  applyDueLimitChanges,
  type CapSet,
  type LimitSettings,
  type PendingLimitChange,
} from "@coinstream/core";
import type { Sql } from "@coinstream/db";

type Queryable = Pick<Sql, "unsafe">;

interface StoredCapSet extends Omit<CapSet, "coolingOffUntil"> {
  readonly coolingOffUntil?: string | null;
}
export interface StoredSettings {
  readonly viewer?: StoredCapSet;
  readonly guardian?: StoredCapSet;
  readonly pending?: readonly {
    field: PendingLimitChange["field"];
    coins: number | null;
    requestedAt: string;
    effectiveAt: string;
  }[];
}

const capsFromJson = (caps: StoredCapSet | undefined): CapSet | undefined =>
  caps && {
    ...caps,
    coolingOffUntil: caps.coolingOffUntil ? new Date(caps.coolingOffUntil) : null,
  };

const capsToJson = (caps: CapSet | undefined): StoredCapSet | undefined =>
  caps && { ...caps, coolingOffUntil: caps.coolingOffUntil?.toISOString() ?? null };

export function settingsFromJson(json: StoredSettings | undefined): LimitSettings {
  if (!json) return {};
  return {
    ...(json.viewer ? { viewer: capsFromJson(json.viewer) } : {}),
    ...(json.guardian ? { guardian: capsFromJson(json.guardian) } : {}),
    pending: (json.pending ?? []).map((change) => ({
      ...change,
      requestedAt: new Date(change.requestedAt),
      effectiveAt: new Date(change.effectiveAt),
    })),
  };
}

export function settingsToJson(settings: LimitSettings): StoredSettings {
  return {
    ...(settings.viewer ? { viewer: capsToJson(settings.viewer) } : {}),
    ...(settings.guardian ? { guardian: capsToJson(settings.guardian) } : {}),
    pending: (settings.pending ?? []).map((change) => ({
      ...change,
      requestedAt: change.requestedAt.toISOString(),
      effectiveAt: change.effectiveAt.toISOString(),
    })),
  };
}

/** A person's limits as in force at `now` (scheduled loosening that is due applied). */
export async function loadLimitSettings(
  sql: Queryable,
  userId: string,
  now: Date,
  forUpdate = false,
): Promise<LimitSettings> {
  const [row] = await sql.unsafe<{ settings: StoredSettings }[]>(
    `select settings from spending_limits where user_id = $1${forUpdate ? " for update" : ""}`,
    [userId],
  );
  return limitSettingsFrom(row?.settings, now);
}

/** The settings in force at `now` from their stored JSON (`loadLimitSettings` on a row read elsewhere). */
export function limitSettingsFrom(
  json: StoredSettings | null | undefined,
  now: Date,
): LimitSettings {
  return applyDueLimitChanges(settingsFromJson(json ?? undefined), now);
}

export async function saveLimitSettings(
  sql: Queryable,
  userId: string,
  settings: LimitSettings,
): Promise<void> {
  await sql.unsafe(
    `insert into spending_limits (user_id, settings, updated_at) values ($1, $2::text::jsonb, now())
     on conflict (user_id) do update set settings = excluded.settings, updated_at = now()`,
    [userId, JSON.stringify(settingsToJson(settings))],
  );
}
