import { levelForCoins, toSafeInteger } from "@coinstream/core";
import { accountId, getBalances, type Sql } from "@coinstream/db";
import { viewerWalletRef } from "./viewer-wallet.ts";

/** What the popup shows: coins to spend, coins reserved, and the gifter level. */
export async function getWallet(sql: Sql, userId: string) {
  const walletId = accountId(viewerWalletRef(userId));
  const balance = (await getBalances(sql, [walletId])).get(walletId);
  // Lifetime coins given is a sum over the wallet's gift and tip history (indexed by account).
  const [given] = await sql<{ coins: bigint }[]>`
    select coalesce(sum(amount), 0)::int8 as coins from ledger_transfers
    where debit_account_id = ${walletId} and code in ('gift', 'tip') and phase = 'single'`;
  const lifetimeGiftedCoins = toSafeInteger(given?.coins ?? 0n);
  return {
    coins: toSafeInteger(balance?.available ?? 0n),
    reservedCoins: toSafeInteger(balance?.debitsPending ?? 0n),
    lifetimeGiftedCoins,
    level: levelForCoins(lifetimeGiftedCoins),
  };
}
