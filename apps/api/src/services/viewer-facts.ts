import type { EligibilityFacts } from "@coinstream/core";
import type { Viewer } from "./service-context.ts";

/**
 * The eligibility facts about a signed-in person, with what the caller knows on top (a
 * guardian, a channel, a payout method, a suspension). The freeze is the one the users table
 * had when the request began. Guidelines default to accepted: the person's own spending is gated
 * by `spendProcedure`, and receiving callers pass the real fact (`loadReceiveStanding`).
 */
export function viewerFacts(
  viewer: Viewer,
  known: Partial<EligibilityFacts> = {},
): EligibilityFacts {
  return {
    dateOfBirth: viewer.dateOfBirth,
    region: viewer.region,
    accountCreatedAt: viewer.createdAt,
    emailVerified: viewer.emailVerified,
    hasGuardian: false,
    frozen: viewer.frozen ?? false,
    suspendedUntil: null,
    guidelinesAccepted: true,
    channel: null,
    hasPayoutMethod: false,
    ...known,
  };
}
