import type { Sql } from "@coinstream/db";
import type Stripe from "stripe";
import { recordAgeCheck } from "../services/guardians/age-checks.ts";
import { AGE_CHECK_PURPOSE } from "./stripe-provider.ts";

/**
 * A card check's outcome, when `event` is about one (a setup-mode Checkout Session we started
 * for an age check); null for every other event.
 */
export async function handleAgeCheckEvent(sql: Sql, event: Stripe.Event): Promise<string | null> {
  if (event.type !== "checkout.session.completed" && event.type !== "checkout.session.expired") {
    return null;
  }
  const session = event.data.object;
  if (session.mode !== "setup" || session.metadata?.purpose !== AGE_CHECK_PURPOSE) return null;
  const verified = event.type === "checkout.session.completed" && session.status === "complete";
  return recordAgeCheck(
    sql,
    {
      ageCheckId: session.client_reference_id ?? "",
      sessionId: session.id,
      outcome: verified ? "verified" : "failed",
    },
    new Date(),
  );
}
