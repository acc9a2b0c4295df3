import { randomUUID } from "node:crypto";
import {
  assertValidPromotion,
  DomainError,
  DomainErrorCode,
  type Promotion,
  RATE_CARD,
} from "@coinstream/core";
import { recordAdminAction } from "../admin/record-admin-action.ts";
import { getActiveRateCard } from "../rate-card/get-active-rate-card.ts";
import type { AdminContext, ServiceContext } from "../service-context.ts";
import {
  PROMOTION_COLUMNS,
  type PromotionRow,
  toPromotion,
  toPromotionView,
} from "./offerable-promotions.ts";

export interface CreatePromotionInput {
  readonly name: string;
  readonly bonus:
    | { readonly kind: "percent"; readonly bonusBps: number; readonly maxBonusCoins: number | null }
    | { readonly kind: "fixed"; readonly bonusCoins: number };
  /** `null`: every pack and custom amounts. */
  readonly packIds: readonly string[] | null;
  /** `null`: every region. Upper-case ISO 3166-1 alpha-2 codes. */
  readonly regions: readonly string[] | null;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly perAccountLimit: number | null;
  readonly firstPurchaseOnly: boolean;
}

const invalid = (message: string, field: string) =>
  new DomainError(DomainErrorCode.INVALID_INPUT, message, { field });

/**
 * Creates a promotion (audited). Checked before anything is written: the rulebook's promotion
 * rules, pack ids the rate card sells, an end in the future.
 */
export async function createPromotion(
  { sql, admin: { userId: adminUserId }, now }: Pick<AdminContext, "sql" | "admin" | "now">,
  input: CreatePromotionInput,
) {
  const id = randomUUID();
  const promotion: Promotion = {
    id,
    ...(input.bonus.kind === "percent"
      ? { bonusBps: input.bonus.bonusBps, maxBonusCoins: input.bonus.maxBonusCoins }
      : { bonusCoins: input.bonus.bonusCoins }),
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    packIds: input.packIds ?? "all",
    regions: input.regions ?? "all",
    firstPurchaseOnly: input.firstPurchaseOnly,
    perAccountLimit: input.perAccountLimit,
  };
  assertValidPromotion(promotion);
  if (input.endsAt.getTime() <= now.getTime()) {
    throw invalid("endsAt is in the past; a promotion must end in the future.", "endsAt");
  }
  const rateCard = await getActiveRateCard(sql, now);
  const sold = new Set(
    [RATE_CARD, rateCard].flatMap((card) =>
      Object.values(card.priceLists).flatMap((list) => list.packs.map((pack) => pack.id)),
    ),
  );
  const unknown = (input.packIds ?? []).filter((packId) => !sold.has(packId));
  if (unknown.length > 0) {
    throw invalid(`No pack is called ${unknown.map((p) => `"${p}"`).join(", ")}.`, "packIds");
  }

  const row = await sql.begin(async (tx) => {
    const [inserted] = await tx<PromotionRow[]>`
      insert into promotions (id, name, bonus_bps, max_bonus_coins, bonus_coins, pack_ids, regions,
                              starts_at, ends_at, per_account_limit, first_purchase_only, created_by)
      values (${id}, ${input.name}, ${promotion.bonusBps ?? null}, ${promotion.maxBonusCoins ?? null},
              ${promotion.bonusCoins ?? null}, ${input.packIds === null ? null : [...new Set(input.packIds)]},
              ${input.regions === null ? null : [...new Set(input.regions)]}, ${input.startsAt},
              ${input.endsAt}, ${input.perAccountLimit}, ${input.firstPurchaseOnly}, ${adminUserId})
      returning ${tx.unsafe(PROMOTION_COLUMNS)}`;
    if (!inserted) throw new Error("the promotion insert returned no row");
    await recordAdminAction(tx, {
      adminUserId,
      action: "create_promotion",
      targetType: "promotion",
      targetId: id,
      details: {
        ...input,
        startsAt: input.startsAt.toISOString(),
        endsAt: input.endsAt.toISOString(),
      },
    });
    return inserted;
  });
  return toPromotionView(row, rateCard);
}

/**
 * Ends a promotion now (audited): checkouts stop offering it, and purchases already checked out
 * with it still get it when paid. Ending one that already ended changes nothing.
 */
export async function endPromotion(
  { sql, admin: { userId: adminUserId }, now }: Pick<AdminContext, "sql" | "admin" | "now">,
  input: { readonly id: string },
) {
  const rateCard = await getActiveRateCard(sql, now);
  return sql.begin(async (tx) => {
    const [row] = await tx<PromotionRow[]>`
      select ${tx.unsafe(PROMOTION_COLUMNS)} from promotions where id = ${input.id} for update`;
    if (!row) {
      throw new DomainError(DomainErrorCode.NOT_FOUND, `No promotion has id "${input.id}".`, {
        id: input.id,
      });
    }
    if (row.ended_by !== null || (row.ends_at !== null && row.ends_at.getTime() <= now.getTime())) {
      return toPromotionView(row, rateCard);
    }
    // One that has not started yet ends at its start: an empty window, never offered.
    const endsAt = row.starts_at.getTime() > now.getTime() ? row.starts_at : now;
    const [ended] = await tx<PromotionRow[]>`
      update promotions set ends_at = ${endsAt}, ended_by = ${adminUserId}
      where id = ${input.id} returning ${tx.unsafe(PROMOTION_COLUMNS)}`;
    if (!ended) throw new Error("the promotion vanished while ending it");
    await recordAdminAction(tx, {
      adminUserId,
      action: "end_promotion",
      targetType: "promotion",
      targetId: input.id,
      details: {
        endsAt: ended.ends_at?.toISOString(),
        previousEndsAt: row.ends_at?.toISOString() ?? null,
      },
    });
    return toPromotionView(ended, rateCard);
  });
}

/** Every promotion, newest first, with how often and how much it was granted. */
export async function listPromotions({ sql, now }: Pick<ServiceContext, "sql" | "now">) {
  const rateCard = await getActiveRateCard(sql, now);
  const rows = await sql<(PromotionRow & { granted: bigint; granted_coins: bigint })[]>`
    select ${sql.unsafe(PROMOTION_COLUMNS.replace(/(\w+)/g, "p.$1"))},
           coalesce(g.granted, 0)::int8 as granted, coalesce(g.coins, 0)::int8 as granted_coins
    from promotions p
    left join (select promotion_id, count(*) as granted, sum(granted_coins) as coins
               from purchase_promotions where granted_coins > 0 group by promotion_id) g
      on g.promotion_id = p.id
    order by p.created_at desc, p.id
    limit 200`;
  return rows.map((row) => {
    const promotion = toPromotion(row, rateCard);
    const status =
      row.starts_at.getTime() > now.getTime()
        ? "scheduled"
        : promotion.endsAt !== null && promotion.endsAt.getTime() <= now.getTime()
          ? "ended"
          : "active";
    return {
      ...toPromotionView(row, rateCard),
      status,
      createdBy: row.created_by,
      createdAt: row.created_at.toISOString(),
      endedBy: row.ended_by,
      grantedPurchases: Number(row.granted),
      grantedCoins: Number(row.granted_coins),
    };
  });
}
