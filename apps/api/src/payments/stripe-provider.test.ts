import type Stripe from "stripe";
import { describe, expect, it, vi } from "vitest";
import { StripeProvider } from "./stripe-provider.ts";

/** A Stripe client whose Checkout Session creation only records what it was asked. */
function recordingStripe() {
  const create = vi.fn(async (_params: unknown, _options: unknown) => ({
    id: "cs_test_age",
    url: "https://checkout.stripe.test/c/cs_test_age",
  }));
  return { stripe: { checkout: { sessions: { create } } } as unknown as Stripe, create };
}

describe("StripeProvider.startAgeCheck", () => {
  it("opens a setup-mode card session that charges nothing and names the check", async () => {
    const { stripe, create } = recordingStripe();
    const provider = new StripeProvider(stripe, "http://coinstream.test/checkout/return");
    const ageCheckId = "0b6c9d1e-2f3a-4b5c-8d7e-9f0a1b2c3d4e";

    const session = await provider.startAgeCheck({ ageCheckId, customerEmail: "p@example.com" });

    expect(session).toEqual({
      sessionId: "cs_test_age",
      url: "https://checkout.stripe.test/c/cs_test_age",
    });
    const [params, options] = create.mock.calls[0] ?? [];
    expect(params).toMatchObject({
      mode: "setup",
      allowed_payment_method_types: ["card"],
      client_reference_id: ageCheckId,
      metadata: { purpose: "age_check", ageCheckId },
      setup_intent_data: { metadata: { purpose: "age_check", ageCheckId } },
    });
    expect(params).not.toHaveProperty("line_items");
    expect(options).toEqual({ idempotencyKey: `age-check-${ageCheckId}` });
  });
});
