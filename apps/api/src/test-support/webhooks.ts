import type { Hono } from "hono";
import Stripe from "stripe";
import { stripeEventPayload } from "../payments/sandbox-events.ts";

const stripe = new Stripe("sk_test_offline");

/** Delivers `payload` to the app's Stripe webhook, signed with `secret` as Stripe signs it. */
export function deliverSignedWebhook(app: Hono, payload: string, secret: string) {
  return app.request("http://coinstream.test/webhooks/stripe", {
    method: "POST",
    headers: {
      "stripe-signature": stripe.webhooks.generateTestHeaderString({ payload, secret }),
    },
    body: payload,
  });
}

/** Delivers a Stripe-shaped event of `type` around `object` (`stripeEventPayload`), signed with `secret`. */
export function deliverStripeEvent(
  app: Hono,
  secret: string,
  type: string,
  object: Record<string, unknown>,
) {
  return deliverSignedWebhook(app, stripeEventPayload(type, object), secret);
}
