import type { HttpClient } from "@coinstream/test-harness";
import Stripe from "stripe";
import { stripeEventPayload } from "../../src/payments/sandbox-events.ts";
import { reversalObject } from "../../src/test-support/stripe-reversals.ts";

// Stripe's own library signs the events, offline, exactly as Stripe signs its deliveries.
const stripe = new Stripe("sk_test_coinstream_faults");

/** The `stripe-signature` header for `payload`, signed with `secret` at `timestamp` (seconds). */
export function signEvent(payload: string, secret: string, timestamp?: number): string {
  return stripe.webhooks.generateTestHeaderString({
    payload,
    secret,
    ...(timestamp === undefined ? {} : { timestamp }),
  });
}

/** What the scenario knows of a purchase started through `store.checkout`. */
export interface PurchaseRef {
  readonly purchaseId: string;
  readonly sessionId: string;
  readonly priceMinor: number;
  readonly currency: string;
  /** The payment intent the provider would create for it. */
  readonly paymentIntent: string;
}

const event = (type: string, object: Record<string, unknown>, id?: string) =>
  stripeEventPayload(type, object, id ?? `evt_faults_${crypto.randomUUID().replaceAll("-", "")}`);

/** `checkout.session.completed`, paid, as Stripe reports a purchase's payment. */
export function completedEvent(
  purchase: PurchaseRef,
  overrides: {
    id?: string;
    amountMinor?: number;
    currency?: string;
    sessionId?: string;
    purchaseId?: string;
  } = {},
): string {
  return event(
    "checkout.session.completed",
    {
      id: overrides.sessionId ?? purchase.sessionId,
      object: "checkout.session",
      client_reference_id: overrides.purchaseId ?? purchase.purchaseId,
      payment_status: "paid",
      amount_total: overrides.amountMinor ?? purchase.priceMinor,
      currency: (overrides.currency ?? purchase.currency).toLowerCase(),
      payment_intent: purchase.paymentIntent,
    },
    overrides.id,
  );
}

/**
 * `charge.refunded` for the purchase's payment. The charge carries the payment intent's metadata
 * (Stripe copies it when the intent is confirmed), which names the purchase.
 */
export function refundedEvent(purchase: PurchaseRef, options: { full?: boolean } = {}): string {
  const { paymentIntent, purchaseId } = purchase;
  return event(
    "charge.refunded",
    reversalObject("charge.refunded", { paymentIntent, purchaseId, refunded: options.full }),
  );
}

/** `charge.dispute.created` for the purchase's payment (a chargeback). */
export function disputedEvent(purchase: PurchaseRef): string {
  const { paymentIntent } = purchase;
  return event(
    "charge.dispute.created",
    reversalObject("charge.dispute.created", { paymentIntent }),
  );
}

export interface Delivery {
  readonly status: number;
  readonly body: { received?: boolean; duplicate?: boolean; outcome?: string; error?: string };
}

/** POSTs one event to /webhooks/stripe as Stripe delivers it (raw body, signature header). */
export async function deliver(
  client: HttpClient,
  payload: string,
  signature: string | null,
): Promise<Delivery> {
  const answer = await client.send("POST", "/webhooks/stripe", {
    body: payload,
    headers: signature === null ? {} : { "stripe-signature": signature },
  });
  let body: Delivery["body"] = {};
  try {
    body = JSON.parse(answer.text) as Delivery["body"];
  } catch {
    body = { error: answer.text.slice(0, 100) };
  }
  return { status: answer.status, body };
}
