import type { TransferCode, Tx } from "@coinstream/db";

export const GIFT_REVERSAL: TransferCode = "gift_reversal";

/**
 * Serialises what takes diamonds out of one creator's hold (the release job, gift reversals),
 * so each computes its amount from a balance nobody else is changing and never overdraws it.
 */
export async function lockCreatorHold(tx: Tx, creatorUserId: string): Promise<void> {
  await tx`select pg_advisory_xact_lock(hashtextextended(${`creator_held:${creatorUserId}`}, 0))`;
}
