import Stripe from "stripe";
import type {
  PayoutLookup,
  PayoutOutcome,
  PayoutProvider,
  PayoutRequest,
} from "./payout-provider.ts";

/**
 * Stripe Connect: a withdrawal is one transfer from the platform's Stripe balance to the
 * creator's connected account (`acct_...`). The withdrawal id is the idempotency key, so a
 * retried call never pays twice, and the transfer group, so a payout can be found again by
 * withdrawal even when its transfer id was never stored.
 */
export class StripePayoutProvider implements PayoutProvider {
  readonly name = "stripe";

  constructor(private readonly stripe: Stripe) {}

  async pay(request: PayoutRequest): Promise<PayoutOutcome> {
    if (request.method !== "stripe" || !request.destination) {
      return {
        ok: false,
        reason: "Payouts go to a connected Stripe account: set a Stripe payout method first.",
      };
    }
    try {
      const transfer = await this.stripe.transfers.create(
        {
          amount: request.amountUsdMinor,
          currency: "usd",
          destination: request.destination,
          transfer_group: request.withdrawalId,
          metadata: { withdrawalId: request.withdrawalId },
        },
        { idempotencyKey: request.withdrawalId },
      );
      return { ok: true, providerRef: transfer.id };
    } catch (error) {
      if (isRefusal(error))
        return { ok: false, reason: `Stripe refused the payout: ${error.message}` };
      // Timeouts, 5xx, rate limits: Stripe may or may not have made it. Reconciliation asks later.
      throw error;
    }
  }

  async lookup(request: {
    readonly withdrawalId: string;
    readonly providerRef: string | null;
    readonly destination: string | null;
  }): Promise<PayoutLookup> {
    if (request.providerRef) {
      return fromTransfer(await this.stripe.transfers.retrieve(request.providerRef));
    }
    const page = await this.stripe.transfers.list({
      transfer_group: request.withdrawalId,
      ...(request.destination ? { destination: request.destination } : {}),
      limit: 10,
    });
    const transfer = page.data.find((t) => t.metadata?.withdrawalId === request.withdrawalId);
    return transfer ? fromTransfer(transfer) : { state: "not_found" };
  }
}

function fromTransfer(transfer: Stripe.Transfer): PayoutLookup {
  // A fully reversed transfer brought the cash back to the platform: the diamonds go back too.
  return transfer.reversed
    ? { state: "failed", reason: "The transfer was reversed at Stripe.", providerRef: transfer.id }
    : { state: "paid", providerRef: transfer.id };
}

/**
 * A definite no: the request reached Stripe and was refused for a reason retrying will not fix
 * (no such or restricted account, insufficient platform balance, bad amount). Nothing was sent.
 */
function isRefusal(error: unknown): error is Stripe.errors.StripeError {
  if (error instanceof Stripe.errors.StripeCardError) return true;
  return (
    error instanceof Stripe.errors.StripeInvalidRequestError &&
    error.statusCode !== undefined &&
    error.statusCode >= 400 &&
    error.statusCode < 500 &&
    error.statusCode !== 409 &&
    error.statusCode !== 429
  );
}
