import type { EligibilityFacts } from "@coinstream/core";
import type { Viewer } from "../trpc/context.ts";

/**
 * The eligibility facts about a signed-in person, with what the caller knows on top (a
 * guardian, a channel, a payout method). Strikes and admin freezes do not exist yet, so they
 * are 0 and false here, in one place.
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
    frozen: false,
    activeStrikes: 0,
    channel: null,
    hasPayoutMethod: false,
    ...known,
  };
}
