import type { Ledger, Sql } from "@coinstream/db";
import Stripe from "stripe";
import type { AppDependencies } from "../app.ts";
import { SandboxProvider } from "./sandbox-provider.ts";
import { StripeProvider } from "./stripe-provider.ts";
import { createStripeWebhookHandler } from "./stripe-webhook.ts";

export interface PaymentsConfig {
  readonly sql: Sql;
  readonly ledger: Ledger;
  readonly publicUrl: string;
  /** Both set: real Stripe. Neither: the sandbox, signing with `sandboxWebhookSecret`. */
  readonly stripeSecretKey?: string | undefined;
  readonly stripeWebhookSecret?: string | undefined;
  readonly sandboxWebhookSecret: string;
}

/** The payment provider the configuration asks for, with the one webhook handler both use. */
export function createPayments(config: PaymentsConfig): NonNullable<AppDependencies["payments"]> {
  if (config.stripeSecretKey && config.stripeWebhookSecret) {
    const stripe = new Stripe(config.stripeSecretKey);
    return {
      provider: new StripeProvider(stripe, `${config.publicUrl}/checkout/return`),
      handleWebhook: createStripeWebhookHandler({
        ...config,
        stripe,
        webhookSecret: config.stripeWebhookSecret,
      }),
    };
  }
  // No network call: the sandbox only uses Stripe's library to sign and verify events.
  const stripe = new Stripe("sk_test_coinstream_sandbox");
  const webhookSecret = config.sandboxWebhookSecret;
  return {
    provider: new SandboxProvider(config.publicUrl),
    handleWebhook: createStripeWebhookHandler({ ...config, stripe, webhookSecret }),
    sandbox: { stripe, webhookSecret },
  };
}
