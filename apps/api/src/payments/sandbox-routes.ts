import { formatMoney, groupThousands, isCurrencyCode } from "@coinstream/core";
import type { Hono } from "hono";
import { html } from "hono/html";
import { withPurchaseLock } from "../services/store/purchase-lock.ts";
import {
  deliverSandboxEvent,
  type SandboxDeps,
  sandboxOutcomePage,
  sandboxPage,
  sandboxPaymentIntent,
} from "./sandbox-events.ts";

/**
 * The sandbox's checkout page: shows the purchase and lets the buyer pay or decline. Either
 * button produces a Stripe-signed event and hands it to the same webhook handler Stripe's
 * deliveries use, so local purchases exercise the real minting path.
 */
export function mountSandboxCheckout<A extends Hono>(app: A, deps: SandboxDeps): A {
  const findPurchase = async (sessionId: string) => {
    const [row] = await deps.sql<
      {
        id: string;
        price_minor: bigint;
        currency: string;
        base_coins: bigint;
        bonus_coins: bigint;
        first_purchase_bonus_coins: bigint;
        status: string;
      }[]
    >`select id, price_minor, currency, base_coins, bonus_coins, first_purchase_bonus_coins, status
      from purchases where provider_session_id = ${sessionId} and provider = 'sandbox'`;
    return row;
  };

  app.get("/sandbox/checkout/:sessionId", async (c) => {
    const purchase = await findPurchase(c.req.param("sessionId"));
    if (!purchase)
      return c.html(
        sandboxPage("Checkout not found", html`<p>This checkout does not exist.</p>`),
        404,
      );
    const price = isCurrencyCode(purchase.currency)
      ? formatMoney(Number(purchase.price_minor), purchase.currency)
      : `${purchase.price_minor} ${purchase.currency}`;
    const coins = groupThousands(Number(purchase.base_coins + purchase.bonus_coins));
    const action = `/sandbox/checkout/${c.req.param("sessionId")}`;
    const firstBonus = Number(purchase.first_purchase_bonus_coins);
    return c.html(
      sandboxPage(
        "Coinstream sandbox checkout",
        html`<p>Test payment: no real money moves.</p>
          <p><strong>${coins} coins</strong> for <strong>${price}</strong> (status: ${purchase.status})</p>
          ${
            firstBonus > 0 && purchase.status === "pending"
              ? html`<p>Includes the ${groupThousands(firstBonus)}-coin first-purchase bonus, if no other purchase of yours completes first.</p>`
              : ""
          }
          ${
            purchase.status === "pending"
              ? html`<form method="post" action="${action}/pay"><button id="pay">Pay ${price}</button></form>
          <form method="post" action="${action}/decline"><button id="decline">Decline</button></form>`
              : html`<p id="result">${ended(purchase.status)}</p>`
          }`,
      ),
    );
  });

  // One outcome per checkout: the first click decides it, later ones (and a concurrent one,
  // which waits for the first) are refused.
  for (const outcome of ["pay", "decline"] as const) {
    app.post(`/sandbox/checkout/:sessionId/${outcome}`, async (c) => {
      const sessionId = c.req.param("sessionId");
      const found = await findPurchase(sessionId);
      if (!found) {
        return c.html(
          sandboxPage("Checkout not found", html`<p>This checkout does not exist.</p>`),
          404,
        );
      }
      // The webhook handler re-enters this lock for the event it is handed.
      return withPurchaseLock(deps.sql, found.id, async () => {
        const purchase = (await findPurchase(sessionId)) ?? found;
        if (purchase.status !== "pending") {
          return c.html(
            sandboxPage(
              "Coinstream sandbox checkout",
              html`<p id="result">This checkout already ended: ${ended(purchase.status)}</p>`,
            ),
            409,
          );
        }
        const { page, status } = sandboxOutcomePage(
          "Coinstream sandbox checkout",
          outcome === "pay"
            ? "Payment complete: your coins are in your wallet."
            : "Payment declined.",
          await deliverOutcome(deps, outcome, sessionId, purchase),
        );
        return c.html(page, status);
      });
    });
  }
  return app;
}

/** The event Stripe would send for this outcome, through the one webhook handler. */
function deliverOutcome(
  deps: SandboxDeps,
  outcome: "pay" | "decline",
  sessionId: string,
  purchase: { id: string; price_minor: bigint; currency: string },
) {
  return deliverSandboxEvent(
    deps,
    outcome === "pay" ? "checkout.session.completed" : "checkout.session.expired",
    {
      id: sessionId,
      object: "checkout.session",
      client_reference_id: purchase.id,
      payment_status: outcome === "pay" ? "paid" : "unpaid",
      amount_total: Number(purchase.price_minor),
      currency: purchase.currency.toLowerCase(),
      payment_intent: sandboxPaymentIntent(purchase.id),
    },
  );
}

/** What a checkout that is no longer pending came to. */
function ended(status: string): string {
  if (status === "paid") return "it was paid.";
  if (status === "failed") return "it was declined.";
  return `it is ${status}.`;
}
