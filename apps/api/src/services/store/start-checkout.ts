import { randomUUID } from "node:crypto";
import {
  assertEligible,
  checkEligibility,
  DomainError,
  DomainErrorCode,
  type PurchaseItem,
  type PurchaseQuote,
  quotePurchase,
} from "@coinstream/core";
import type { Sql } from "@coinstream/db";
import { assertNotFrozen } from "../admin/assert-not-frozen.ts";
import { getSupervision } from "../guardians/guardian-links.ts";
import {
  appliedViews,
  countRedemptions,
  listOfferablePromotions,
  type OfferablePromotions,
} from "../promotions/offerable-promotions.ts";
import { getActiveRateCard } from "../rate-card/get-active-rate-card.ts";
import type { PaymentsContext } from "../service-context.ts";
import { viewerFacts } from "../viewer-facts.ts";
import { countCompletedPurchases } from "./count-completed-purchases.ts";

export interface CheckoutInput {
  readonly idempotencyKey: string;
  readonly item: PurchaseItem;
}

/**
 * Starts a coin purchase: checks the buyer may buy (not frozen, eligible), quotes it in their
 * region's price list of the rate card in force (with the promotions on offer to them), records it and
 * opens the provider's checkout. The same key returns the same purchase; the same key for another
 * item is a conflict.
 */
export async function startCheckout(
  { sql, payments: provider, viewer, now }: PaymentsContext,
  input: CheckoutInput,
) {
  await assertNotFrozen(sql, viewer.userId);
  const rateCard = await getActiveRateCard(sql, now);
  const supervision = await getSupervision(sql, viewer.userId);
  assertEligible(
    checkEligibility(
      "buy",
      viewerFacts(viewer, { hasGuardian: supervision.hasGuardian }),
      now,
      rateCard,
    ),
  );
  if (supervision.hasGuardian && !supervision.mayPurchase) {
    throw new DomainError(
      DomainErrorCode.NOT_ELIGIBLE,
      "Your guardian has not allowed purchases on this account.",
      {
        reasons: [{ code: "GUARDIAN_DISALLOWS_PURCHASES" }],
      },
    );
  }
  const offerable = await listOfferablePromotions(sql, now, rateCard);
  const quote = quotePurchase(
    {
      item: input.item,
      region: viewer.region,
      purchaseCount: await countCompletedPurchases(sql, viewer.userId),
      now,
      promotions: offerable.promotions,
      redemptions: await countRedemptions(sql, viewer.userId),
    },
    rateCard,
  );
  await recordPurchase(sql, viewer.userId, input.idempotencyKey, quote, provider.name, offerable);
  const [purchase] = await sql<
    { id: string; pack_id: string | null; base_coins: bigint; status: string }[]
  >`
    select id, pack_id, base_coins, status from purchases
    where user_id = ${viewer.userId} and idempotency_key = ${input.idempotencyKey}`;
  if (!purchase) throw new Error("the purchase row vanished after insert");
  if (purchase.pack_id !== quote.packId || purchase.base_coins !== BigInt(quote.baseCoins)) {
    throw new DomainError(
      DomainErrorCode.IDEMPOTENCY_CONFLICT,
      "This checkout key was already used for a different purchase; use a new key.",
      { purchaseId: purchase.id },
    );
  }

  const session = await provider.createCheckout({
    purchaseId: purchase.id,
    description: `${quote.totalCoins.toLocaleString("en-US")} Coinstream coins`,
    currency: quote.currency,
    priceMinor: quote.priceMinor,
    customerEmail: viewer.email,
  });
  await sql`
    update purchases set provider_session_id = ${session.sessionId}
    where id = ${purchase.id} and provider_session_id is null`;
  return {
    purchaseId: purchase.id,
    status: purchase.status,
    checkoutUrl: session.url,
    quote,
    promotions: appliedViews([quote], offerable.views),
  };
}

/**
 * Records the purchase with the bonuses offered, each promotion's own row (settlement honours
 * them even if the promotion ends meanwhile, limits permitting). A retried key records nothing.
 */
async function recordPurchase(
  sql: Sql,
  userId: string,
  idempotencyKey: string,
  quote: PurchaseQuote,
  providerName: string,
  offerable: OfferablePromotions,
) {
  const isWelcome = (source: string) =>
    offerable.promotions.find((p) => p.id === source)?.firstPurchaseOnly === true;
  // Offered now, decided at settlement: another purchase of the buyer's may settle first.
  const firstPurchaseBonusCoins = quote.applied
    .filter((bonus) => isWelcome(bonus.source))
    .reduce((sum, bonus) => sum + bonus.bonusCoins, 0);
  await sql.begin(async (tx) => {
    const [inserted] = await tx<{ id: string }[]>`
      insert into purchases (id, user_id, idempotency_key, pack_id, base_coins, bonus_coins,
                             first_purchase_bonus_coins, currency, price_minor, rate_card_version,
                             provider)
      values (${randomUUID()}, ${userId}, ${idempotencyKey}, ${quote.packId},
              ${quote.baseCoins}, ${quote.bonusCoins}, ${firstPurchaseBonusCoins}, ${quote.currency},
              ${quote.priceMinor}, ${quote.rateCardVersion}, ${providerName})
      on conflict (user_id, idempotency_key) do nothing
      returning id`;
    if (!inserted) return;
    for (const bonus of quote.applied) {
      await tx`
        insert into purchase_promotions (purchase_id, promotion_id, user_id, offered_coins)
        values (${inserted.id}, ${bonus.source}, ${userId}, ${bonus.bonusCoins})`;
    }
  });
}
