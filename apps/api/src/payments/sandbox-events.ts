import { randomUUID } from "node:crypto";
import type { Sql } from "@coinstream/db";
import { html } from "hono/html";
import type Stripe from "stripe";
import type { WebhookHandler, WebhookResponse } from "./stripe-webhook.ts";

/** What the sandbox's pages need to act as Stripe towards the webhook handler. */
export interface SandboxSigner {
  readonly stripe: Stripe;
  readonly webhookSecret: string;
  readonly handleWebhook: WebhookHandler;
}

/** What the sandbox's routes need: the signer, and the database to read their purchase or check. */
export interface SandboxDeps extends SandboxSigner {
  readonly sql: Sql;
}

/** The payment intent the sandbox names for a purchase's payment, as Stripe creates one per checkout. */
export function sandboxPaymentIntent(purchaseId: string): string {
  return `pi_sandbox_${purchaseId.replaceAll("-", "")}`;
}

/** A Stripe-shaped event around `object`, as Stripe's webhooks deliver one (a new id unless given). */
export function stripeEventPayload(
  type: string,
  object: Record<string, unknown>,
  id = `evt_sandbox_${randomUUID().replaceAll("-", "")}`,
): string {
  return JSON.stringify({
    id,
    object: "event",
    type,
    created: Math.floor(Date.now() / 1000),
    data: { object },
  });
}

/** Signs the event as Stripe would and hands it to the one webhook handler. */
export function deliverSandboxEvent(
  signer: SandboxSigner,
  type: string,
  object: Record<string, unknown>,
): Promise<WebhookResponse> {
  const payload = stripeEventPayload(type, object);
  const signature = signer.stripe.webhooks.generateTestHeaderString({
    payload,
    secret: signer.webhookSecret,
  });
  return signer.handleWebhook(payload, signature);
}

/** A bare page of the sandbox (checkout, card check). */
export function sandboxPage(title: string, body: ReturnType<typeof html>) {
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${title}</title></head>
    <body style="font-family: system-ui; max-width: 28rem; margin: 3rem auto">${body}</body></html>`;
}

/**
 * The page an outcome button leads to: what happened, with status 500 when the webhook handler
 * did not take the event (the sandbox's stand-in for a failed delivery).
 */
export function sandboxOutcomePage(title: string, message: string, delivered: WebhookResponse) {
  return {
    page: sandboxPage(title, html`<p id="result">${message}</p>`),
    status: delivered.status === 200 ? (200 as const) : (500 as const),
  };
}
