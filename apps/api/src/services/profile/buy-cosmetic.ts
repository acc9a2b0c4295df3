import { DomainError, DomainErrorCode, toSafeInteger } from "@coinstream/core";
import { getActiveRateCard } from "../rate-card/get-active-rate-card.ts";
import type { ViewerContext } from "../service-context.ts";
import {
  legacyPlatformSpendId,
  paymentToPlatform,
  spendCoins,
  spendIdFor,
} from "../spending/spend-coins.ts";
import { ensureViewerWallet } from "../wallet/viewer-wallet.ts";
import { findCosmeticForSale } from "./cosmetics.ts";

export interface CosmeticPurchase {
  readonly idempotencyKey: string;
  readonly itemId: string;
  /** The price the person was shown: a different current price is a conflict, not a charge. */
  readonly expectedCoins: number;
  /** The person confirmed a spend at or above their confirmation threshold. */
  readonly confirm: boolean;
}

/**
 * Buys a cosmetic (frame, colour, entrance effect, sticker) with coins (to platform revenue) through the one spend path
 * (limits, confirmation, idempotency, decided in the ledger's batch), which records it as owned
 * with the coins. An item already owned is
 * refused before any coin moves; retrying the same key returns the first purchase.
 */
export async function buyCosmetic(
  { sql, ledger, viewer, now }: Pick<ViewerContext, "sql" | "ledger" | "viewer" | "now">,
  input: CosmeticPurchase,
) {
  const rateCard = await getActiveRateCard(sql, now);
  const item = findCosmeticForSale(input.itemId, rateCard);
  if (item.coins !== input.expectedCoins) {
    throw new DomainError(
      DomainErrorCode.CONFLICT,
      `The ${item.name} costs ${item.coins} coins, not ${input.expectedCoins}; check the price and buy again.`,
      { itemId: item.id, coins: item.coins },
    );
  }
  const wallet = await ensureViewerWallet(sql, viewer.userId);
  const paymentId = spendIdFor(viewer.userId, input.idempotencyKey);
  const { transfer, replayed, balance } = await spendCoins(
    { ledger, viewer, now },
    {
      wallet,
      coins: item.coins,
      confirmed: input.confirm,
      coinLeg: paymentToPlatform({
        id: paymentId,
        wallet,
        coins: item.coins,
        code: "cosmetic",
        metadata: { itemId: item.id, kind: item.kind, rateCardVersion: rateCard.version },
      }),
    },
    {
      // Decided in the batch under the wallet's lock, so two purchases of one item cannot both
      // pass; the batch writes the owned row with the coins.
      reads: { cosmetics: true },
      legacyCoinLegIds: [legacyPlatformSpendId(viewer.userId, input.idempotencyKey, "cosmetic")],
      check: ({ person }) => {
        const owned = person.cosmetics.find((owned) => owned.itemId === item.id);
        if (owned && owned.transferId !== paymentId) {
          throw new DomainError(
            DomainErrorCode.FORBIDDEN_CHANGE,
            `You already own the ${item.name}; wear it from your profile.`,
            { itemId: item.id },
          );
        }
        return { rows: [{ table: "viewer_cosmetics", itemId: item.id }] };
      },
    },
  );
  return {
    itemId: item.id,
    transferId: transfer.id,
    coinsSpent: toSafeInteger(transfer.amount),
    balance,
    replayed,
  };
}
