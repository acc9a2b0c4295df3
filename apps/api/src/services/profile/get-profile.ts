import type { ViewerContext } from "../service-context.ts";
import { describeCosmetic } from "./cosmetics.ts";

/**
 * The cosmetics a person owns (stickers included: they go with tips) and what they wear:
 * `wearing` names items (as `profile.wear` takes them), `viewerStyle` is what others see next to
 * their gifts and on leaderboards.
 */
export async function getProfile({
  sql,
  viewer: { userId },
}: Pick<ViewerContext, "sql" | "viewer">) {
  const rows = await sql<{ item_id: string; coins: bigint; acquired_at: Date }[]>`
    select item_id, coins, acquired_at from viewer_cosmetics
    where user_id = ${userId} order by acquired_at, item_id`;
  const [worn] = await sql<
    { badge_frame: string | null; name_color: string | null; entrance_effect: string | null }[]
  >`
    select badge_frame, name_color, entrance_effect from viewer_profiles where user_id = ${userId}`;
  const owned = rows.map((row) => {
    const item = describeCosmetic(row.item_id);
    return {
      itemId: row.item_id,
      kind: item?.kind ?? null,
      name: item?.name ?? row.item_id,
      style: item?.style ?? null,
      coinsPaid: Number(row.coins),
      acquiredAt: row.acquired_at.toISOString(),
    };
  });
  // Styles are stored (what events copy); map them back to the owned item that has them.
  const wornItem = (
    kind: "badge_frame" | "name_color" | "entrance",
    style: string | null | undefined,
  ) =>
    style
      ? (owned.find((item) => item.kind === kind && item.style === style)?.itemId ?? null)
      : null;
  return {
    owned,
    wearing: {
      badgeFrame: wornItem("badge_frame", worn?.badge_frame),
      nameColor: wornItem("name_color", worn?.name_color),
      entrance: wornItem("entrance", worn?.entrance_effect),
    },
    viewerStyle: { badgeFrame: worn?.badge_frame ?? null, nameColor: worn?.name_color ?? null },
  };
}
