import { randomUUID } from "node:crypto";

/** The two Stripe events that take a paid purchase back: a refund and a chargeback. */
export type ReversalEventType = "charge.refunded" | "charge.dispute.created";

/**
 * The object Stripe sends with a reversal of the payment `paymentIntent`, to wrap in
 * `stripeEventPayload`: a charge, refunded in full unless `refunded` is false, or a dispute.
 * A charge carries its payment intent's metadata, which names the purchase when `purchaseId`
 * is given (Stripe copies it when the intent is confirmed).
 */
export function reversalObject(
  type: ReversalEventType,
  reversal: { paymentIntent: string; purchaseId?: string; refunded?: boolean },
): Record<string, unknown> {
  const { paymentIntent, purchaseId, refunded = true } = reversal;
  const id = randomUUID().replaceAll("-", "");
  if (type === "charge.dispute.created") {
    return { id: `dp_${id}`, object: "dispute", payment_intent: paymentIntent };
  }
  return {
    id: `ch_${id}`,
    object: "charge",
    payment_intent: paymentIntent,
    refunded,
    ...(purchaseId === undefined ? {} : { metadata: { purchaseId } }),
  };
}
