import { DomainError, DomainErrorCode } from "@coinstream/core";
import type { ViewerContext } from "../service-context.ts";
import { describeCosmetic } from "./cosmetics.ts";
import { getProfile } from "./get-profile.ts";

/** Item ids to wear per slot: null takes the slot's item off, absent leaves it as it is. */
export interface WearRequest {
  readonly badgeFrame?: string | null | undefined;
  readonly nameColor?: string | null | undefined;
}

const SLOT_NAMES = { badge_frame: "badge frame", name_color: "name colour" } as const;

/**
 * Wears owned cosmetics, stored as their styles (a frame style, a CSS colour) so every later
 * gift event and leaderboard row carries them without a lookup. Refused, changing nothing,
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
  const styleFor = async (kind: keyof typeof SLOT_NAMES, itemId: string | null | undefined) => {
    if (itemId === undefined || itemId === null) return itemId;
    const item = describeCosmetic(itemId);
    if (!item) {
      throw new DomainError(DomainErrorCode.NOT_FOUND, `There is no item "${itemId}" to wear.`, {
        itemId,
      });
    }
    if (item.kind !== kind) {
      throw new DomainError(
        DomainErrorCode.INVALID_INPUT,
        `The ${item.name} is a ${SLOT_NAMES[item.kind]}, not a ${SLOT_NAMES[kind]}.`,
        { itemId, kind: item.kind },
      );
    }
    const [owned] = await sql`
      select 1 from viewer_cosmetics where user_id = ${userId} and item_id = ${itemId}`;
    if (!owned) {
      throw new DomainError(
        DomainErrorCode.FORBIDDEN_CHANGE,
        `You don't own the ${item.name}; buy it in the profile shop to wear it.`,
        { itemId },
      );
    }
    return item.style;
  };
  const badgeFrame = await styleFor("badge_frame", request.badgeFrame);
  const nameColor = await styleFor("name_color", request.nameColor);
  await sql`
    insert into viewer_profiles (user_id, badge_frame, name_color, updated_at)
    values (${userId}, ${badgeFrame ?? null}, ${nameColor ?? null}, now())
    on conflict (user_id) do update set
      badge_frame = case when ${badgeFrame !== undefined} then excluded.badge_frame else viewer_profiles.badge_frame end,
      name_color = case when ${nameColor !== undefined} then excluded.name_color else viewer_profiles.name_color end,
      updated_at = now()`;
  return getProfile(ctx);
}
