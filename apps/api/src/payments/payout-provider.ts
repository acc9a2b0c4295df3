import type { PayoutMethod } from "@coinstream/core";
import Stripe from "stripe";
import { StripePayoutProvider } from "./stripe-payout-provider.ts";

export interface PayoutRequest {
  /** Also the provider's idempotency key: asking twice pays once. */
  readonly withdrawalId: string;
  readonly amountUsdMinor: number;
  readonly method: PayoutMethod;
  /** The label the creator gave the method ("Checking ••42"). */
  readonly label: string;
  /** The provider's account to pay (a Stripe Connect `acct_` id), when the method has one. */
  readonly destination: string | null;
}

/** The provider's answer to `pay`: paid (with its reference) or refused for good. */
export type PayoutOutcome =
  | { readonly ok: true; readonly providerRef: string | null }
  | { readonly ok: false; readonly reason: string };

/** What the provider knows of a payout, asked when a worker never learnt the outcome. */
export type PayoutLookup =
  | { readonly state: "paid"; readonly providerRef: string | null }
  | { readonly state: "failed"; readonly reason: string; readonly providerRef: string | null }
  /** The provider never received it: nothing was or will be sent. */
  | { readonly state: "not_found" };

/** Sends cash to a creator: Stripe Connect transfers, or the sandbox by default. */
export interface PayoutProvider {
  readonly name: "sandbox" | "stripe";
  /**
   * Pays once per withdrawal id. Resolves with the outcome when the provider gave one; throws
   * when the outcome is unknown (timeout, 5xx), leaving it to `lookup` later.
   */
  pay(request: PayoutRequest): Promise<PayoutOutcome>;
  /** The payout for a withdrawal, by the reference stored if any, else by the withdrawal id. */
  lookup(request: {
    readonly withdrawalId: string;
    readonly providerRef: string | null;
    readonly destination: string | null;
  }): Promise<PayoutLookup>;
}

/**
 * Pays every withdrawal at once, except to accounts labelled with "decline", which it refuses
 * the way a bank would: a fixed rule, like a payment provider's test account numbers. It
 * remembers its payouts in memory only, so after a restart `lookup` finds none.
 */
export class SandboxPayoutProvider implements PayoutProvider {
  readonly name = "sandbox";
  readonly #outcomes = new Map<string, PayoutOutcome>();

  async pay(request: PayoutRequest): Promise<PayoutOutcome> {
    const earlier = this.#outcomes.get(request.withdrawalId);
    if (earlier) return earlier;
    const outcome: PayoutOutcome = request.label.toLowerCase().includes("decline")
      ? { ok: false, reason: "The sandbox bank declined this account." }
      : { ok: true, providerRef: `sandbox_${request.withdrawalId}` };
    this.#outcomes.set(request.withdrawalId, outcome);
    return outcome;
  }

  async lookup(request: { readonly withdrawalId: string }): Promise<PayoutLookup> {
    const outcome = this.#outcomes.get(request.withdrawalId);
    if (!outcome) return { state: "not_found" };
    return outcome.ok
      ? { state: "paid", providerRef: outcome.providerRef }
      : { state: "failed", reason: outcome.reason, providerRef: null };
  }
}

/** Stripe Connect transfers when a Stripe secret key is configured, else the sandbox. */
export function createPayoutProvider(config: {
  readonly stripeSecretKey?: string | undefined;
}): PayoutProvider {
  if (!config.stripeSecretKey) return new SandboxPayoutProvider();
  return new StripePayoutProvider(new Stripe(config.stripeSecretKey));
}
