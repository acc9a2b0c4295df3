import { levelForCoins, toSafeInteger } from "@coinstream/core";
import { accountId, getBalances } from "@coinstream/db";
import type { ViewerContext } from "../service-context.ts";
import { readLifetimeGiftedCoins } from "./lifetime-gifted-coins.ts";
import { viewerWalletRef } from "./viewer-wallet.ts";

/** What the popup shows: coins to spend, coins reserved, and the gifter level. */
export async function getWallet({
  sql,
  viewer: { userId },
}: Pick<ViewerContext, "sql" | "viewer">) {
  const walletId = accountId(viewerWalletRef(userId));
  const balance = (await getBalances(sql, [walletId])).get(walletId);
  const lifetimeGiftedCoins = toSafeInteger(await readLifetimeGiftedCoins(sql, walletId));
  return {
    coins: toSafeInteger(balance?.available ?? 0n),
    reservedCoins: toSafeInteger(balance?.debitsPending ?? 0n),
    lifetimeGiftedCoins,
    level: levelForCoins(lifetimeGiftedCoins),
  };
}
