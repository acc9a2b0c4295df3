import type { ViewerContext } from "../service-context.ts";
import { notOwnedError, requireCosmeticOfKind } from "./cosmetics.ts";
import { getProfile } from "./get-profile.ts";

/** Item ids to wear per slot: null takes the slot's item off, absent leaves it as it is. */
export interface WearRequest {
  readonly badgeFrame?: string | null | undefined;
  readonly nameColor?: string | null | undefined;
  /** An entrance effect, played on the wearer's first gift of a creator's live session. */
  readonly entrance?: string | null | undefined;
}

/**
 * Wears owned cosmetics, stored as their styles (a frame style, a CSS colour, an entrance's
 * animation name) so every later gift event and leaderboard row carries them without a lookup.
 * Stickers are owned, not worn: they go with tips. Refused, changing nothing,
 * unless each item is owned and fits its slot.
 */
export async function wearCosmetics(
  ctx: Pick<ViewerContext, "sql" | "viewer">,
  request: WearRequest,
) {
  const {
    sql,
    viewer: { userId },
  } = ctx;
  const styleFor = async (
    kind: "badge_frame" | "name_color" | "entrance",
    itemId: string | null | undefined,
  ) => {
    if (itemId === undefined || itemId === null) return itemId;
    const item = requireCosmeticOfKind(itemId, kind);
    const [owned] = await sql`
      select 1 from viewer_cosmetics where user_id = ${userId} and item_id = ${itemId}`;
    if (!owned) throw notOwnedError(item, "wear it");
    return item.style;
  };
  const badgeFrame = await styleFor("badge_frame", request.badgeFrame);
  const nameColor = await styleFor("name_color", request.nameColor);
  const entrance = await styleFor("entrance", request.entrance);
  await sql`
    insert into viewer_profiles (user_id, badge_frame, name_color, entrance_effect, updated_at)
    values (${userId}, ${badgeFrame ?? null}, ${nameColor ?? null}, ${entrance ?? null}, now())
    on conflict (user_id) do update set
      badge_frame = case when ${badgeFrame !== undefined} then excluded.badge_frame else viewer_profiles.badge_frame end,
      name_color = case when ${nameColor !== undefined} then excluded.name_color else viewer_profiles.name_color end,
      entrance_effect = case when ${entrance !== undefined} then excluded.entrance_effect else viewer_profiles.entrance_effect end,
      updated_at = now()`;
  return getProfile(ctx);
}
