import { randomUUID } from "node:crypto";
import { html } from "hono/html";
import type Stripe from "stripe";
import type { WebhookHandler, WebhookResponse } from "./stripe-webhook.ts";

/** What the sandbox's pages need to act as Stripe towards the webhook handler. */
export interface SandboxSigner {
  readonly stripe: Stripe;
  readonly webhookSecret: string;
  readonly handleWebhook: WebhookHandler;
}

/** A Stripe-shaped event around `object`, as Stripe's webhooks deliver one. */
export function stripeEventPayload(type: string, object: Record<string, unknown>): string {
  return JSON.stringify({
    id: `evt_sandbox_${randomUUID().replaceAll("-", "")}`,
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
