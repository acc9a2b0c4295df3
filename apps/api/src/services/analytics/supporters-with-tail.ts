import type { Sql, Tx } from "@coinstream/db";
import { tailEvents } from "./paid-events.ts";

/** The tail's events per supporter, in `creator_supporters`' shape (names aside). */
export function tailPerSupporter(sql: Sql | Tx, creatorUserId: string, foldedBelow: string) {
  return sql`
    select viewer_user_id, min(created_at) as first_at, max(created_at) as last_at, count(*) as events,
           sum(coins) as coins, sum(diamonds) as diamonds
    from (${tailEvents(sql, creatorUserId, foldedBelow)}) tail
    where viewer_user_id is not null
    group by viewer_user_id`;
}

/** Every supporter of a creator with lifetime totals: the folded row plus the tail. */
export function supportersWithTail(sql: Sql | Tx, creatorUserId: string, foldedBelow: string) {
  return sql`
    select viewer_user_id, least(s.first_at, t.first_at) as first_at, greatest(s.last_at, t.last_at) as last_at,
           coalesce(s.events, 0) + coalesce(t.events, 0) as events,
           coalesce(s.coins, 0) + coalesce(t.coins, 0) as coins,
           coalesce(s.diamonds, 0) + coalesce(t.diamonds, 0) as diamonds
    from (select * from creator_supporters where creator_user_id = ${creatorUserId}) s
    full join (${tailPerSupporter(sql, creatorUserId, foldedBelow)}) t using (viewer_user_id)`;
}
