import { levelForCoins, supportTierFor, toSafeInteger } from "@coinstream/core";
import { accountId, type Sql } from "@coinstream/db";
import { readLifetimeGiftedCoins } from "../wallet/lifetime-gifted-coins.ts";
import { viewerWalletRef } from "../wallet/viewer-wallet.ts";

/**
 * The person's support tier now (core's `supportTierFor`): their gifter level (coins gifted and
 * tipped) and their lifetime coins spent, i.e. everything that left the wallet except coins a
 * refund or chargeback took back.
 */
export async function supportTierOf(sql: Sql, userId: string) {
  const walletId = accountId(viewerWalletRef(userId));
  const [row] = await sql<{ spent: bigint }[]>`
    select greatest(coalesce((select debits_posted from ledger_accounts where id = ${walletId}), 0)
             - coalesce((select sum(amount) from ledger_transfers
                         where debit_account_id = ${walletId} and code = 'chargeback'), 0), 0)::int8 as spent`;
  const lifetimeGifted = toSafeInteger(await readLifetimeGiftedCoins(sql, walletId));
  const rule = supportTierFor({
    level: levelForCoins(lifetimeGifted).level,
    lifetimeCoinsSpent: toSafeInteger(row?.spent ?? 0n),
  });
  return {
    tier: rule.tier,
    priority: rule.priority,
    expectedAnswerHours: rule.expectedAnswerHours,
  };
}
