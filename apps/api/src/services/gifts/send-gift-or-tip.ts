import { priceGift, validateTip } from "@coinstream/core";
import type { Ledger, Sql } from "@coinstream/db";
import type { Viewer } from "../../trpc/context.ts";
import { requireCosmeticOfKind } from "../profile/cosmetics.ts";
import { getActiveRateCard } from "../rate-card/get-active-rate-card.ts";
import type { StreamTarget } from "../streams/resolve-creator.ts";
import { sendToCreator } from "./send-to-creator.ts";

interface Common {
  readonly idempotencyKey: string;
  readonly to: StreamTarget;
  readonly message?: string | null | undefined;
  readonly confirm: boolean;
}

/** Prices `count` of a gift under the rate card in force and sends it (gift messages follow tip rules). */
export async function sendGift(
  sql: Sql,
  ledger: Ledger,
  viewer: Viewer,
  input: Common & { readonly giftId: string; readonly count: number },
  now: Date,
) {
  const rateCard = await getActiveRateCard(sql, now);
  const price = priceGift(input.giftId, input.count, rateCard);
  const { message } = validateTip(1, input.message, rateCard);
  return sendToCreator(
    sql,
    ledger,
    viewer,
    {
      idempotencyKey: input.idempotencyKey,
      to: input.to,
      coins: price.coins,
      kind: "gift",
      giftId: price.giftId,
      count: price.count,
      message,
      confirmed: input.confirm,
      rateCard,
    },
    now,
  );
}

/** Checks a tip (and its sticker, if any) against the rate card in force and sends it. */
export async function sendTip(
  sql: Sql,
  ledger: Ledger,
  viewer: Viewer,
  input: Common & { readonly coins: number; readonly stickerId?: string | null | undefined },
  now: Date,
) {
  const rateCard = await getActiveRateCard(sql, now);
  const tip = validateTip(input.coins, input.message, rateCard);
  const sticker = input.stickerId ? requireCosmeticOfKind(input.stickerId, "sticker") : null;
  return sendToCreator(
    sql,
    ledger,
    viewer,
    {
      idempotencyKey: input.idempotencyKey,
      to: input.to,
      coins: tip.coins,
      kind: "tip",
      giftId: null,
      count: 1,
      message: tip.message,
      sticker,
      confirmed: input.confirm,
      rateCard,
    },
    now,
  );
}
