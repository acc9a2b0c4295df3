/** What a provider needs to take payment for one purchase. */
export interface CheckoutRequest {
  readonly purchaseId: string;
  readonly description: string;
  readonly currency: string;
  readonly priceMinor: number;
  readonly customerEmail: string;
}

export interface CheckoutSession {
  /** The provider's session id; its webhook events name it. */
  readonly sessionId: string;
  /** Where the buyer pays. */
  readonly url: string;
}

/** A card check that proves an adult holds the account (a would-be guardian); nothing is charged. */
export interface AgeCheckRequest {
  readonly ageCheckId: string;
  readonly customerEmail: string;
}

/**
 * Takes payment for coin purchases. Both implementations report the outcome through the same
 * Stripe-signed webhook handler, so the local sandbox exercises the real path.
 */
export interface PaymentProvider {
  readonly name: "stripe" | "sandbox";
  createCheckout(request: CheckoutRequest): Promise<CheckoutSession>;
  /**
   * Starts a card check (Stripe: a Checkout Session in setup mode, the card verified by its
   * issuer, nothing charged). Its completion arrives as `checkout.session.completed` with
   * `mode: "setup"` and `metadata.purpose: "age_check"` through the same webhook handler.
   */
  startAgeCheck(request: AgeCheckRequest): Promise<CheckoutSession>;
}
