import { randomUUID } from "node:crypto";
import {
  assertEligible,
  checkEligibility,
  DomainError,
  DomainErrorCode,
  FIRST_PURCHASE_BONUS,
  type PurchaseItem,
  quotePurchase,
} from "@coinstream/core";
import { assertNotFrozen } from "../admin/assert-not-frozen.ts";
import { getSupervision } from "../guardians/guardian-links.ts";
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
 * region's price list of the rate card in force (with the first-purchase bonus), records it and
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
  const quote = quotePurchase(
    {
      item: input.item,
      region: viewer.region,
      purchaseCount: await countCompletedPurchases(sql, viewer.userId),
      now,
      promotions: [],
    },
    rateCard,
  );

  // Offered now, decided at settlement: another purchase of the buyer's may settle first.
  const firstPurchaseBonusCoins =
    quote.applied.find((bonus) => bonus.source === FIRST_PURCHASE_BONUS)?.bonusCoins ?? 0;
  await sql`
    insert into purchases (id, user_id, idempotency_key, pack_id, base_coins, bonus_coins,
                           first_purchase_bonus_coins, currency, price_minor, rate_card_version,
                           provider)
    values (${randomUUID()}, ${viewer.userId}, ${input.idempotencyKey}, ${quote.packId},
            ${quote.baseCoins}, ${quote.bonusCoins}, ${firstPurchaseBonusCoins}, ${quote.currency},
            ${quote.priceMinor}, ${quote.rateCardVersion}, ${provider.name})
    on conflict (user_id, idempotency_key) do nothing`;
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
  return { purchaseId: purchase.id, status: purchase.status, checkoutUrl: session.url, quote };
}
