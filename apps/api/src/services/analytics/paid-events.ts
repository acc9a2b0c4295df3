import type { Sql, Tx } from "@coinstream/db";
import type postgres from "postgres";

/**
 * Stream events that carry money (gifts, tips, paid messages; goal events carry none) matching
 * `where`, in the shape the roll-ups count them: a gift's id and item count, '' and 1 otherwise.
 * The fold and every read of the unfolded tail use this one definition.
 */
export function paidEvents(sql: Sql | Tx, where: postgres.Fragment) {
  return sql`
    select id, creator_user_id, viewer_user_id, kind, coins, diamonds, session_id, created_at,
           case when kind = 'gift' then coalesce(payload->>'giftId', '') else '' end as gift_id,
           case when kind = 'gift' then coalesce((payload->>'count')::int8, 1) else 1 end as items,
           coalesce(payload->>'viewerName', '') as viewer_name
    from stream_events
    where kind in ('gift', 'tip', 'message') and ${where}`;
}

/** The unfolded tail of one creator's paid events: everything the roll-ups do not hold yet. */
export function tailEvents(sql: Sql | Tx, creatorUserId: string, foldedBelow: string) {
  return paidEvents(sql, sql`tx >= ${foldedBelow}::xid8 and creator_user_id = ${creatorUserId}`);
}
