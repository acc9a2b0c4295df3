import { priceGift, validateTip } from "@coinstream/core";
import { requireCosmeticOfKind } from "../profile/cosmetics.ts";
import { getActiveRateCard } from "../rate-card/get-active-rate-card.ts";
import type { ViewerContext } from "../service-context.ts";
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
  { sql, ledger, viewer, now }: Pick<ViewerContext, "sql" | "ledger" | "viewer" | "now">,
  input: Common & { readonly giftId: string; readonly count: number },
) {
  const rateCard = await getActiveRateCard(sql, now);
  const price = priceGift(input.giftId, input.count, rateCard);
  const { message } = validateTip(1, input.message, rateCard);
  return sendToCreator(
    { sql, ledger, viewer, now },
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
  );
}

/** Checks a tip (and its sticker, if any) against the rate card in force and sends it. */
export async function sendTip(
  { sql, ledger, viewer, now }: Pick<ViewerContext, "sql" | "ledger" | "viewer" | "now">,
  input: Common & { readonly coins: number; readonly stickerId?: string | null | undefined },
) {
  const rateCard = await getActiveRateCard(sql, now);
  const tip = validateTip(input.coins, input.message, rateCard);
  const sticker = input.stickerId ? requireCosmeticOfKind(input.stickerId, "sticker") : null;
  return sendToCreator(
    { sql, ledger, viewer, now },
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
  );
}
