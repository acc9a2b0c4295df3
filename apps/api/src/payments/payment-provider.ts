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

/**
 * Takes payment for coin purchases. Both implementations report the outcome through the same
 * Stripe-signed webhook handler, so the local sandbox exercises the real path.
 */
export interface PaymentProvider {
  readonly name: "stripe" | "sandbox";
  createCheckout(request: CheckoutRequest): Promise<CheckoutSession>;
}
