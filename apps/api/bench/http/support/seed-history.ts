import { getCreatorShareBps, RATE_CARD } from "@coinstream/core";
import { accountId, PLATFORM_OWNER, type Sql } from "@coinstream/db";
import { viewerWalletRef } from "../../../src/services/wallet/viewer-wallet.ts";

/** Every 100th transfer of a seeded history is a purchase of this many coins; the rest are roses. */
const PURCHASE_EVERY = 100;
const PURCHASE_COINS = 500;
const CHUNK = 100_000;

export interface SeededHistory {
  readonly transfers: number;
  readonly purchasedCoins: number;
  readonly giftedCoins: number;
  readonly balance: number;
}

/**
 * Gives a viewer's wallet `transfers` transfers over the past year, written in SQL with
 * `generate_series` instead of through the ledger engine (a million engine calls would take
 * minutes): a 500-coin purchase every 100th transfer, otherwise a 1-coin rose to `creator`
 * (a rose at the standard share earns no diamonds, so a gift is exactly one transfer). Each chunk
 * inserts its transfers and adds their sums to the three accounts' totals in one transaction, so
 * every invariant `checkLedger` proves holds at every commit: balanced per asset, totals equal
 * to the transfers, the wallet never below zero (a purchase always comes first).
 */
export async function seedWalletHistory(
  sql: Sql,
  options: {
    readonly userId: string;
    readonly transfers: number;
    readonly creator: { readonly userId: string; readonly handle: string };
  },
): Promise<SeededHistory> {
  const wallet = accountId(viewerWalletRef(options.userId));
  const issuance = accountId({ ownerId: PLATFORM_OWNER, purpose: "platform_coin_issuance" });
  const revenue = accountId({ ownerId: PLATFORM_OWNER, purpose: "platform_coin_revenue" });
  const giftMetadata = {
    giftId: "rose",
    count: 1,
    message: null,
    creatorUserId: options.creator.userId,
    handle: options.creator.handle,
    shareBps: getCreatorShareBps({ tier: "standard" }),
    rateCardVersion: RATE_CARD.version,
  };
  const stepMs = (365 * 86_400_000) / Math.max(1, options.transfers);
  let purchased = 0n;
  let gifted = 0n;
  for (let lo = 0; lo < options.transfers; lo += CHUNK) {
    const hi = Math.min(options.transfers, lo + CHUNK);
    await sql.begin(async (tx) => {
      const [sums] = await tx<{ purchased: bigint; gifted: bigint }[]>`
        with inserted as (
          insert into ledger_transfers
            (id, debit_account_id, credit_account_id, asset, amount, code, phase, linked_group, metadata, created_at)
          select gen_random_uuid(),
                 case when s.is_purchase then ${issuance}::uuid else ${wallet}::uuid end,
                 case when s.is_purchase then ${wallet}::uuid else ${revenue}::uuid end,
                 'COIN',
                 case when s.is_purchase then ${PURCHASE_COINS}::int8 else 1::int8 end,
                 case when s.is_purchase then 'purchase' else 'gift' end,
                 'single',
                 case when s.is_purchase then null else 'bench-history-' || s.i end,
                 case when s.is_purchase then '{"reason":"benchmark history"}'::jsonb
                      else ${JSON.stringify(giftMetadata)}::text::jsonb end,
                 now() - interval '365 days' + s.i * ${stepMs}::float8 * interval '1 millisecond'
          from (select i, i % ${PURCHASE_EVERY} = 0 as is_purchase
                from generate_series(${lo}::int, ${hi - 1}::int) as i) s
          order by s.i
          returning amount, code
        )
        select coalesce(sum(amount) filter (where code = 'purchase'), 0)::int8 as purchased,
               coalesce(sum(amount) filter (where code = 'gift'), 0)::int8 as gifted
        from inserted`;
      const chunkPurchased = sums?.purchased ?? 0n;
      const chunkGifted = sums?.gifted ?? 0n;
      await tx`
        update ledger_accounts set credits_posted = credits_posted + ${chunkPurchased},
                                   debits_posted = debits_posted + ${chunkGifted}
        where id = ${wallet}`;
      await tx`update ledger_accounts set debits_posted = debits_posted + ${chunkPurchased} where id = ${issuance}`;
      await tx`update ledger_accounts set credits_posted = credits_posted + ${chunkGifted} where id = ${revenue}`;
      purchased += chunkPurchased;
      gifted += chunkGifted;
    });
  }
  return {
    transfers: options.transfers,
    purchasedCoins: Number(purchased),
    giftedCoins: Number(gifted),
    balance: Number(purchased - gifted),
  };
}
