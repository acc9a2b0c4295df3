import { type CapSet, changeSpendingLimits } from "@coinstream/core";
import type { Sql } from "@coinstream/db";
import { loadLimitSettings, saveLimitSettings } from "./limit-settings-store.ts";

/**
 * Changes the person's own limits under the rulebook: tightening applies now, loosening after
 * 24 h, a cooling-off lock can only be extended. Serialised per person by a row lock.
 */
export async function setViewerLimits(sql: Sql, userId: string, requested: CapSet, now: Date) {
  return sql.begin(async (tx) => {
    await tx`insert into spending_limits (user_id, settings) values (${userId}, '{}') on conflict do nothing`;
    const current = await loadLimitSettings(tx, userId, now, true);
    const { settings, scheduled } = changeSpendingLimits(
      current,
      { viewer: requested },
      "viewer",
      now,
    );
    await saveLimitSettings(tx, userId, settings);
    return { settings, scheduled };
  });
}
