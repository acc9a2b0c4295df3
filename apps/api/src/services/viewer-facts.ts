import type { EligibilityFacts } from "@coinstream/core";
import type { Viewer } from "./service-context.ts";

/**
 * The eligibility facts about a signed-in person, with what the caller knows on top (a
 * guardian, a channel, a payout method). Strikes do not exist yet, so they are 0 here, in one
 * place; the freeze is the one the users table had when the request began.
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
    activeStrikes: 0,
    channel: null,
    hasPayoutMethod: false,
    ...known,
  };
}
