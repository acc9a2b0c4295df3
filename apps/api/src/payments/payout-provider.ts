/** Sends cash to a creator. Stripe Connect transfers plug in here; the sandbox is the default. */
export interface PayoutProvider {
  readonly name: "sandbox" | "stripe";
  pay(request: {
    readonly withdrawalId: string;
    readonly amountUsdMinor: number;
    readonly label: string;
  }): Promise<{ readonly ok: true } | { readonly ok: false; readonly reason: string }>;
}

/**
 * Pays every withdrawal at once, except to accounts labelled with "decline", which it refuses
 * the way a bank would: a fixed rule, like a payment provider's test account numbers.
 */
export class SandboxPayoutProvider implements PayoutProvider {
  readonly name = "sandbox";

  async pay(request: { readonly label: string }) {
    return request.label.toLowerCase().includes("decline")
      ? ({ ok: false, reason: "The sandbox bank declined this account." } as const)
      : ({ ok: true } as const);
  }
}
