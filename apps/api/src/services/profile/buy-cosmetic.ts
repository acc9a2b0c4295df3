import { DomainError, DomainErrorCode, toSafeInteger } from "@coinstream/core";
import { getBalances, type Ledger, type Sql } from "@coinstream/db";
import type { Viewer } from "../../trpc/context.ts";
import { getActiveRateCard } from "../rate-card/get-active-rate-card.ts";
import {
  assertMaySpend,
  paymentToPlatform,
  platformSpendIdFor,
  spendCoins,
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
 * Buys a badge frame or name colour with coins (to platform revenue) through the one spend path
 * (lock, limits, confirmation, idempotency), then records it as owned. An item already owned is
 * refused before any coin moves; retrying the same key returns the first purchase.
 */
export async function buyCosmetic(
  sql: Sql,
  ledger: Ledger,
  viewer: Viewer,
  input: CosmeticPurchase,
  now: Date,
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
  await assertMaySpend(sql, viewer, now);
  const wallet = await ensureViewerWallet(sql, viewer.userId);
  const paymentId = await platformSpendIdFor(sql, viewer.userId, input.idempotencyKey, "cosmetic");
  const { transfer, replayed } = await spendCoins(
    sql,
    ledger,
    viewer,
    {
      wallet,
      coins: item.coins,
      confirmed: input.confirm,
      transfers: [
        paymentToPlatform({
          id: paymentId,
          wallet,
          coins: item.coins,
          code: "cosmetic",
          metadata: { itemId: item.id, kind: item.kind, rateCardVersion: rateCard.version },
        }),
      ],
    },
    now,
    {
      // Under the person's spend lock, so two purchases of one item cannot both pass.
      prepare: async (tx) => {
        const [owned] = await tx<{ transfer_id: string }[]>`
          select transfer_id from viewer_cosmetics where user_id = ${viewer.userId} and item_id = ${item.id}`;
        if (owned && owned.transfer_id !== paymentId) {
          throw new DomainError(
            DomainErrorCode.FORBIDDEN_CHANGE,
            `You already own the ${item.name}; wear it from your profile.`,
            { itemId: item.id },
          );
        }
      },
      record: async (tx, paidBy) => {
        await tx`
          insert into viewer_cosmetics (user_id, item_id, transfer_id, coins)
          values (${viewer.userId}, ${item.id}, ${paidBy.id}, ${paidBy.amount})
          on conflict do nothing`;
      },
    },
  );
  const balance = (await getBalances(sql, [wallet])).get(wallet);
  return {
    itemId: item.id,
    transferId: transfer.id,
    coinsSpent: toSafeInteger(transfer.amount),
    balance: toSafeInteger(balance?.available ?? 0n),
    replayed,
  };
}
