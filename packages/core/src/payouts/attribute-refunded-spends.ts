import { assertIntegerInRange, mulDivFloor } from "../money/integers.ts";
import { RATE_CARD } from "../rate-card/current.ts";
import type { RateCard } from "../rate-card/rate-card.ts";
import { getCreditReleaseAt } from "./hold-period.ts";

/** A coin spend from a viewer's wallet and what its creator received for it. */
export interface WalletSpend {
  readonly id: string;
  readonly coins: number;
  /** Diamonds credited to a creator's hold for it; 0 for spends that pay no creator (boosts, cosmetics). */
  readonly diamonds: number;
  readonly at: Date;
  /** Its diamonds' own release when later than the usual hold (new-buyer coins funded it). */
  readonly releaseAt?: Date | null;
  /**
   * Coins of it an earlier refund already claimed. Those coins were that purchase's, and a gift
   * is reversed at most once, so a claimed spend gives no more diamonds back.
   */
  readonly claimedCoins?: number;
}

export interface RefundedSpend {
  readonly id: string;
  /** Coins of this spend that the refunded purchase paid for. */
  readonly fundedCoins: number;
  /** Diamonds to take back from the creator's hold: the funded coins' share, 0 once out of the hold. */
  readonly diamondsToReverse: number;
  /** Its diamonds are still in the hold period, so they may still be taken back. */
  readonly isWithinHold: boolean;
}

/**
 * Which spends a refunded purchase paid for. Its coins still in the wallet are taken back
 * first; the rest (`fundedCoins`) went to the spends made after it was paid, oldest first, in
 * the order the wallet paid them, until the funded coins are covered. A gift that is only partly
 * funded gives back the funded part's diamonds, rounded so the creator keeps the floor of the
 * paid part's share (as `splitGift` floors); a gift out of the hold gives nothing back.
 */
export function attributeRefundedSpends(
  spends: readonly WalletSpend[],
  fundedCoins: number,
  now: Date,
  rateCard: RateCard = RATE_CARD,
): RefundedSpend[] {
  assertIntegerInRange(fundedCoins, 0, Number.MAX_SAFE_INTEGER, "Funded coins");
  const attributed: RefundedSpend[] = [];
  let remaining = fundedCoins;
  for (const spend of spends) {
    if (remaining === 0) break;
    assertIntegerInRange(spend.coins, 1, Number.MAX_SAFE_INTEGER, "Spent coins");
    assertIntegerInRange(spend.diamonds, 0, Number.MAX_SAFE_INTEGER, "Diamonds of a spend");
    const claimed = assertIntegerInRange(spend.claimedCoins ?? 0, 0, spend.coins, "Claimed coins");
    const funded = Math.min(remaining, spend.coins - claimed);
    if (funded === 0) continue;
    remaining -= funded;
    const releaseAt = getCreditReleaseAt(
      { diamonds: spend.diamonds, creditedAt: spend.at, releaseAt: spend.releaseAt ?? null },
      rateCard,
    );
    const isWithinHold = releaseAt.getTime() > now.getTime();
    const diamondsKept = mulDivFloor(spend.diamonds, spend.coins - funded, spend.coins);
    attributed.push({
      id: spend.id,
      fundedCoins: funded,
      diamondsToReverse: isWithinHold && claimed === 0 ? spend.diamonds - diamondsKept : 0,
      isWithinHold,
    });
  }
  return attributed;
}
