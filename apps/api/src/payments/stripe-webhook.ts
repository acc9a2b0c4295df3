import type { Ledger, Sql } from "@coinstream/db";
import type Stripe from "stripe";
import { clawBackPurchase } from "../services/store/claw-back-purchase.ts";
import {
  markPurchaseFailed,
  markPurchaseProcessing,
  settlePaidPurchase,
} from "../services/store/settle-purchase.ts";
import { handleAgeCheckEvent } from "./age-check-webhook.ts";

export interface WebhookResponse {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

export type WebhookHandler = (
  rawBody: string,
  signature: string | undefined,
) => Promise<WebhookResponse>;

/**
 * Handles Stripe's (and the sandbox's) events: the signature is verified on the raw body with
 * Stripe's library (forged or older than 5 minutes: 400, nothing changes); an event id already
 * handled is acknowledged and skipped; minting is idempotent on its own, so an event redelivered
 * before it was recorded still mints once.
 */
export function createStripeWebhookHandler(deps: {
  readonly stripe: Stripe;
  readonly webhookSecret: string;
  readonly sql: Sql;
  readonly ledger: Ledger;
}): WebhookHandler {
  return async (rawBody, signature) => {
    let event: Stripe.Event;
    try {
      event = deps.stripe.webhooks.constructEvent(rawBody, signature ?? "", deps.webhookSecret);
    } catch {
      return { status: 400, body: { error: "invalid_signature" } };
    }
    const [seen] = await deps.sql`select 1 from payment_events where id = ${event.id}`;
    if (seen) return { status: 200, body: { received: true, duplicate: true } };

    let outcome = "ignored";
    const ageCheck = await handleAgeCheckEvent(deps.sql, event);
    if (ageCheck) {
      outcome = ageCheck;
    } else if (
      event.type === "checkout.session.completed" ||
      event.type === "checkout.session.async_payment_succeeded"
    ) {
      // A delayed payment method (bank debit, voucher) completes the session unpaid; Stripe
      // reports the money later with async_payment_succeeded (or _failed).
      const session = event.data.object;
      const paid = {
        purchaseId: session.client_reference_id ?? "",
        sessionId: session.id,
        amountMinor: session.amount_total ?? -1,
        currency: session.currency ?? "",
        paymentIntentId: typeof session.payment_intent === "string" ? session.payment_intent : null,
      };
      if (session.payment_status === "paid") {
        outcome = await settlePaidPurchase(deps.sql, deps.ledger, paid);
      } else if (session.payment_status === "unpaid") {
        outcome = await markPurchaseProcessing(deps.sql, paid);
      }
    } else if (event.type === "charge.refunded") {
      const charge = event.data.object;
      const intent = typeof charge.payment_intent === "string" ? charge.payment_intent : null;
      // Partial refunds keep the coins: support decides those by hand.
      // The charge carries the payment intent's metadata, which names the purchase even when
      // the refund is reported before the payment's success.
      outcome =
        intent && charge.refunded
          ? await clawBackPurchase(
              deps.sql,
              deps.ledger,
              intent,
              "refund",
              new Date(),
              charge.metadata?.purchaseId ?? null,
            )
          : "partial_refund_ignored";
    } else if (event.type === "charge.dispute.created") {
      const dispute = event.data.object;
      const intent = typeof dispute.payment_intent === "string" ? dispute.payment_intent : null;
      outcome = intent
        ? await clawBackPurchase(deps.sql, deps.ledger, intent, "chargeback")
        : "unknown_purchase";
    } else if (
      event.type === "checkout.session.expired" ||
      event.type === "checkout.session.async_payment_failed"
    ) {
      outcome = await markPurchaseFailed(deps.sql, event.data.object.client_reference_id ?? "");
    }
    await deps.sql`insert into payment_events (id, type) values (${event.id}, ${event.type}) on conflict do nothing`;
    return { status: 200, body: { received: true, outcome } };
  };
}
