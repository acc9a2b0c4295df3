import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uuid,
} from "drizzle-orm/pg-core";
import { timestamptz, writtenAt } from "./columns.ts";

/**
 * Bonus-coin promotions admins define (core's `Promotion`). Never deleted; an admin ends one by
 * moving `ends_at` to the moment they ended it (to its start if it had not started: empty). The row `first-purchase` is seeded: with no
 * `bonus_bps` nor `bonus_coins` it gives the rate card's first-purchase bonus.
 */
export const promotions = pgTable(
  "promotions",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    bonusBps: integer("bonus_bps"),
    maxBonusCoins: bigint("max_bonus_coins", { mode: "number" }),
    bonusCoins: bigint("bonus_coins", { mode: "number" }),
    /** Null: every pack and custom amounts. */
    packIds: text("pack_ids").array(),
    /** Null: every region. */
    regions: text("regions").array(),
    startsAt: timestamptz("starts_at").notNull(),
    endsAt: timestamptz("ends_at"),
    perAccountLimit: integer("per_account_limit"),
    firstPurchaseOnly: boolean("first_purchase_only").notNull().default(false),
    createdBy: text("created_by").notNull(),
    createdAt: writtenAt("created_at"),
    endedBy: text("ended_by"),
  },
  (table) => [
    index("promotions_ends_at").on(table.endsAt),
    check(
      "promotions_bonus",
      sql`(${table.bonusBps} is null or ${table.bonusCoins} is null)
        and (${table.bonusBps} is null or ${table.bonusBps} between 1 and 10000)
        and (${table.bonusCoins} is null or ${table.bonusCoins} > 0)
        and (${table.maxBonusCoins} is null or ${table.maxBonusCoins} > 0)
        and (${table.perAccountLimit} is null or ${table.perAccountLimit} > 0)
        and (${table.endsAt} is null or ${table.endsAt} >= ${table.startsAt})`,
    ),
  ],
);

/**
 * The bonuses a checkout offered, one row per promotion: `granted_coins` stays null until
 * settlement decides, under the buyer's purchase lock, what is minted (0 when refused). The
 * decision is written before the coins are minted, so a settlement redone after a crash mints
 * the same amount.
 */
export const purchasePromotions = pgTable(
  "purchase_promotions",
  {
    purchaseId: uuid("purchase_id").notNull(),
    promotionId: text("promotion_id").notNull(),
    userId: text("user_id").notNull(),
    offeredCoins: bigint("offered_coins", { mode: "bigint" }).notNull(),
    grantedCoins: bigint("granted_coins", { mode: "bigint" }),
    decidedAt: timestamptz("decided_at"),
  },
  (table) => [
    primaryKey({ columns: [table.purchaseId, table.promotionId] }),
    index("purchase_promotions_user").on(table.userId, table.promotionId),
    check(
      "purchase_promotions_amounts",
      sql`${table.offeredCoins} > 0 and (${table.grantedCoins} is null or ${table.grantedCoins} between 0 and ${table.offeredCoins})`,
    ),
  ],
);
