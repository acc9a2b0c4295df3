import type Stripe from "stripe";
import type {
  AgeCheckRequest,
  CheckoutRequest,
  CheckoutSession,
  PaymentProvider,
} from "./payment-provider.ts";

/** Stripe Checkout: one hosted payment page per purchase; the webhook mints on completion. */
export class StripeProvider implements PaymentProvider {
  readonly name = "stripe";

  constructor(
    private readonly stripe: Stripe,
    private readonly returnUrl: string,
  ) {}

  async createCheckout(request: CheckoutRequest): Promise<CheckoutSession> {
    const session = await this.stripe.checkout.sessions.create(
      {
        mode: "payment",
        client_reference_id: request.purchaseId,
        customer_email: request.customerEmail,
        metadata: { purchaseId: request.purchaseId },
        // Copied onto the payment's charge, so a refund names its purchase even if it is reported
        // before the payment's success.
        payment_intent_data: { metadata: { purchaseId: request.purchaseId } },
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: request.currency.toLowerCase(),
              unit_amount: request.priceMinor,
              product_data: { name: request.description },
            },
          },
        ],
        success_url: `${this.returnUrl}?purchase=${request.purchaseId}&status=paid`,
        cancel_url: `${this.returnUrl}?purchase=${request.purchaseId}&status=cancelled`,
      },
      // Stripe dedupes a retried create with the same key.
      { idempotencyKey: `checkout-${request.purchaseId}` },
    );
    if (!session.url) throw new Error("Stripe returned a checkout session without a URL");
    return { sessionId: session.id, url: session.url };
  }

  async startAgeCheck(request: AgeCheckRequest): Promise<CheckoutSession> {
    const metadata = { purpose: AGE_CHECK_PURPOSE, ageCheckId: request.ageCheckId };
    const session = await this.stripe.checkout.sessions.create(
      {
        // Setup mode saves nothing we keep and charges nothing: the issuer verifies the card.
        mode: "setup",
        allowed_payment_method_types: ["card"],
        client_reference_id: request.ageCheckId,
        metadata,
        setup_intent_data: { metadata },
        success_url: `${this.returnUrl}?ageCheck=${request.ageCheckId}&status=done`,
        cancel_url: `${this.returnUrl}?ageCheck=${request.ageCheckId}&status=cancelled`,
      },
      { idempotencyKey: `age-check-${request.ageCheckId}` },
    );
    if (!session.url) throw new Error("Stripe returned a checkout session without a URL");
    return { sessionId: session.id, url: session.url };
  }
}

/** `metadata.purpose` of a card check's Checkout Session. */
export const AGE_CHECK_PURPOSE = "age_check";
