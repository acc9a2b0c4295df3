import type {
  AgeCheckRequest,
  CheckoutRequest,
  CheckoutSession,
  PaymentProvider,
} from "./payment-provider.ts";
import { SANDBOX_AGE_CHECK_PATH } from "./sandbox-age-check-routes.ts";

/**
 * The local stand-in for Stripe: checkout is a page the API serves (see `sandbox-routes.ts`)
 * where the buyer pays or declines; either way a Stripe-signed event goes through the real
 * webhook handler.
 */
export class SandboxProvider implements PaymentProvider {
  readonly name = "sandbox";

  constructor(private readonly publicUrl: string) {}

  async createCheckout(request: CheckoutRequest): Promise<CheckoutSession> {
    const sessionId = `cs_sandbox_${request.purchaseId.replaceAll("-", "")}`;
    return { sessionId, url: `${this.publicUrl}/sandbox/checkout/${sessionId}` };
  }

  async startAgeCheck(request: AgeCheckRequest): Promise<CheckoutSession> {
    const sessionId = `cs_sandbox_age_${request.ageCheckId.replaceAll("-", "")}`;
    return { sessionId, url: `${this.publicUrl}${SANDBOX_AGE_CHECK_PATH}/${sessionId}` };
  }
}
