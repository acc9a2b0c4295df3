import type { Hono } from "hono";
import { html } from "hono/html";
import {
  deliverSandboxEvent,
  type SandboxDeps,
  sandboxOutcomePage,
  sandboxPage,
} from "./sandbox-events.ts";
import { AGE_CHECK_PURPOSE } from "./stripe-provider.ts";

export const SANDBOX_AGE_CHECK_PATH = "/sandbox/age-check";

/**
 * The sandbox's card check page: "verify" or "decline" sends the Stripe-signed event a
 * setup-mode Checkout Session would, through the real webhook handler.
 */
export function mountSandboxAgeCheck<A extends Hono>(app: A, deps: SandboxDeps): A {
  const findCheck = async (sessionId: string) => {
    const [row] = await deps.sql<{ id: string; status: string }[]>`
      select id, status from age_checks where provider_session_id = ${sessionId} and provider = 'sandbox'`;
    return row;
  };
  const notFound = () =>
    sandboxPage("Card check not found", html`<p>This card check does not exist.</p>`);

  app.get(`${SANDBOX_AGE_CHECK_PATH}/:sessionId`, async (c) => {
    const check = await findCheck(c.req.param("sessionId"));
    if (!check) return c.html(notFound(), 404);
    const action = `${SANDBOX_AGE_CHECK_PATH}/${c.req.param("sessionId")}`;
    return c.html(
      sandboxPage(
        "Coinstream sandbox card check",
        html`<p>Test card check for a guardian: nothing is charged (status: ${check.status}).</p>
          <form method="post" action="${action}/verify"><button id="verify">Verify card</button></form>
          <form method="post" action="${action}/decline"><button id="decline">Decline</button></form>`,
      ),
    );
  });

  for (const outcome of ["verify", "decline"] as const) {
    app.post(`${SANDBOX_AGE_CHECK_PATH}/:sessionId/${outcome}`, async (c) => {
      const sessionId = c.req.param("sessionId");
      const check = await findCheck(sessionId);
      if (!check) return c.html(notFound(), 404);
      const delivered = await deliverSandboxEvent(
        deps,
        outcome === "verify" ? "checkout.session.completed" : "checkout.session.expired",
        {
          id: sessionId,
          object: "checkout.session",
          mode: "setup",
          status: outcome === "verify" ? "complete" : "expired",
          payment_status: "no_payment_required",
          client_reference_id: check.id,
          metadata: { purpose: AGE_CHECK_PURPOSE, ageCheckId: check.id },
          setup_intent: `seti_sandbox_${check.id.replaceAll("-", "")}`,
        },
      );
      const { page, status } = sandboxOutcomePage(
        "Coinstream sandbox card check",
        outcome === "verify"
          ? "Card verified: you can now confirm guardian invitations."
          : "Card check declined.",
        delivered,
      );
      return c.html(page, status);
    });
  }
  return app;
}
