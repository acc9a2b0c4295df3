import {
  attributeRefundedSpends,
  RATE_CARD,
  type RateCard,
  toSafeInteger,
  type WalletSpend,
} from "@coinstream/core";
import {
  accountId,
  getBalances,
  type Ledger,
  PLATFORM_OWNER,
  type Sql,
  transferIdFor,
} from "@coinstream/db";
import { viewerWalletRef } from "../wallet/viewer-wallet.ts";
import { GIFT_REVERSAL, lockCreatorHold } from "./lock-creator-hold.ts";

export interface RefundedPurchase {
  readonly id: string;
  readonly userId: string;
  readonly reason: "refund" | "chargeback";
}

export interface GiftReversal {
  readonly creatorUserId: string;
  /** The diamond leg of the gift, tip or paid message. */
  readonly reversedTransferId: string;
  readonly diamondsDue: number;
  /** Less than due when the creator's hold had less left; 0 records nothing. */
  readonly diamondsReversed: number;
}

const DIAMOND_CODES = ["gift_diamonds", "tip_diamonds", "message_diamonds"];

/** A gift's diamond leg: same batch, linked group and metadata as its coin leg. */
interface DiamondLeg {
  spend_id: string;
  id: string;
  amount: bigint;
  held: string;
  creator_user_id: string;
  code: string;
  gift_id: string | null;
  /** The gift's `created_at` to the microsecond, as the release job compares it. */
  gift_at: string;
  /** The gift's own release when new-buyer coins paid for it (`holdUntil`), else null. */
  hold_until: string | null;
}

const reversalIdFor = (diamondLegId: string) => transferIdFor(diamondLegId, "gift_reversal");

/**
 * Takes back, from the recipients' held diamonds only, what creators received for the spends a
 * refunded or disputed purchase paid for (`fundedCoins`: what it owed less what the wallet gave
 * back), as `core`'s `attributeRefundedSpends` decides: the viewer's spends after the purchase
 * was paid, oldest first, gifts still in the hold. Each reversal's id derives from the gift's
 * diamond leg, so redelivered webhooks (or a second refunded purchase) reverse a gift once.
 */
export async function reverseFundedGifts(
  sql: Sql,
  ledger: Ledger,
  purchase: RefundedPurchase,
  fundedCoins: bigint,
  now: Date,
  rateCard: RateCard = RATE_CARD,
): Promise<GiftReversal[]> {
  if (fundedCoins <= 0n) return [];
  const [mint] = await sql<{ seq: bigint }[]>`
    select seq from ledger_transfers where id = ${transferIdFor(purchase.id, "coins")}`;
  if (!mint) return [];

  // Every coin the wallet paid out after the purchase's coins arrived, in the order it paid them.
  const spendRows = await sql<
    { id: string; amount: bigint; created_at: Date; creator_user_id: string | null }[]
  >`
    select id, amount, created_at, metadata->>'creatorUserId' as creator_user_id
    from ledger_transfers
    where debit_account_id = ${accountId(viewerWalletRef(purchase.userId))} and phase = 'single'
      and code <> 'chargeback' and seq > ${mint.seq}
    order by seq`;
  if (spendRows.length === 0) return [];
  const creators = [...new Set(spendRows.flatMap((row) => row.creator_user_id ?? []))];
  const heldOf = (creatorUserId: string) =>
    accountId({ ownerId: creatorUserId, purpose: "creator_held" });
  const legs = await findDiamondLegs(
    sql,
    spendRows.map((row) => row.id),
    creators.map(heldOf),
    mint.seq,
  );
  const legOf = new Map(
    legs
      .filter((leg) => leg.held === heldOf(leg.creator_user_id))
      .map((leg) => [leg.spend_id, leg]),
  );
  const earlier = await previousReversals(sql, [...legOf.values()]);

  const spends: WalletSpend[] = spendRows.map((row) => {
    const leg = legOf.get(row.id);
    const reversal = leg && earlier.get(reversalIdFor(leg.id));
    return {
      id: row.id,
      coins: toSafeInteger(row.amount),
      diamonds: leg ? toSafeInteger(leg.amount) : 0,
      at: row.created_at,
      releaseAt: leg?.hold_until ? new Date(leg.hold_until) : null,
      // Coins another refunded purchase already claimed were that purchase's.
      ...(reversal && reversal.purchaseId !== purchase.id
        ? { claimedCoins: reversal.fundedCoins }
        : {}),
    };
  });
  const due = attributeRefundedSpends(spends, toSafeInteger(fundedCoins), now, rateCard).flatMap(
    (attribution) => {
      const leg = legOf.get(attribution.id);
      return leg && attribution.diamondsToReverse > 0 ? [{ attribution, leg }] : [];
    },
  );

  const reversals: GiftReversal[] = [];
  for (const creatorUserId of new Set(due.map(({ leg }) => leg.creator_user_id))) {
    const gifts = due.filter(({ leg }) => leg.creator_user_id === creatorUserId);
    const held = heldOf(creatorUserId);
    await sql.begin(async (tx) => {
      await lockCreatorHold(tx, creatorUserId);
      const done = await previousReversals(
        tx,
        gifts.map(({ leg }) => leg),
      );
      let left = (await getBalances(tx, [held])).get(held)?.available ?? 0n;
      for (const { attribution, leg } of gifts) {
        if (done.has(reversalIdFor(leg.id))) continue;
        const diamondsDue = BigInt(attribution.diamondsToReverse);
        const amount = diamondsDue < left ? diamondsDue : left;
        const reversed =
          amount > 0n &&
          (await reverseGift(ledger, leg, amount, {
            purchase,
            fundedCoins: attribution.fundedCoins,
            diamondsDue: attribution.diamondsToReverse,
          }));
        if (reversed) left -= amount;
        reversals.push({
          creatorUserId,
          reversedTransferId: leg.id,
          diamondsDue: attribution.diamondsToReverse,
          diamondsReversed: reversed ? Number(amount) : 0,
        });
      }
    });
  }
  return reversals;
}

/**
 * Records one gift's reversal from its creator's hold; false when the hold was short (the
 * shortfall is reported, not retried: failing the webhook would not bring diamonds back).
 */
async function reverseGift(
  ledger: Ledger,
  leg: DiamondLeg,
  amount: bigint,
  facts: { purchase: RefundedPurchase; fundedCoins: number; diamondsDue: number },
): Promise<boolean> {
  const [result] = await ledger.createTransfers([
    {
      id: reversalIdFor(leg.id),
      debitAccountId: leg.held,
      creditAccountId: accountId({ ownerId: PLATFORM_OWNER, purpose: "platform_diamond_issuance" }),
      asset: "DIAMOND",
      amount,
      code: GIFT_REVERSAL,
      metadata: {
        reversedTransferId: leg.id,
        // What the creator's history shows next to the reversal.
        reversedCode: leg.code,
        giftId: leg.gift_id,
        purchaseId: facts.purchase.id,
        giftAt: leg.gift_at,
        ...(leg.hold_until ? { giftHoldUntil: leg.hold_until } : {}),
        reason: facts.purchase.reason,
        creatorUserId: leg.creator_user_id,
        fundedCoins: facts.fundedCoins,
        diamondsDue: facts.diamondsDue,
        // The hold had less left than the gift gave (released already, or spent by a reversal).
        isPartial: amount < BigInt(facts.diamondsDue),
      },
    },
  ]);
  if (result?.result === "ok" || result?.result === "exists") return true;
  if (result?.result === "exceeds_credits" || result?.result === "id_already_failed") return false;
  throw new Error(`reversing gift ${leg.id} failed: ${result?.result}`);
}

/** The diamond legs of these coin spends, among credits to these holds after `afterSeq`. */
async function findDiamondLegs(
  sql: Sql,
  spendIds: readonly string[],
  helds: readonly string[],
  afterSeq: bigint,
): Promise<DiamondLeg[]> {
  if (helds.length === 0) return [];
  return sql<DiamondLeg[]>`
    select c.id as spend_id, d.id, d.amount, d.credit_account_id as held,
      c.metadata->>'creatorUserId' as creator_user_id, d.code, d.metadata->>'giftId' as gift_id,
      to_char(d.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as gift_at,
      d.metadata->>'holdUntil' as hold_until
    from ledger_transfers c
    join ledger_transfers d
      on d.credit_account_id = any(${helds}::uuid[]) and d.seq > ${afterSeq}
      and d.code = any(${DIAMOND_CODES}) and d.phase = 'single'
      and d.linked_group is not distinct from c.linked_group
      and d.created_at = c.created_at and d.metadata = c.metadata
    where c.id = any(${spendIds}::uuid[])`;
}

/** Reversals already recorded for these diamond legs, by reversal id. */
async function previousReversals(
  sql: Pick<Sql, "unsafe">,
  legs: readonly DiamondLeg[],
): Promise<Map<string, { purchaseId: string; fundedCoins: number }>> {
  if (legs.length === 0) return new Map();
  const rows = await sql.unsafe<{ id: string; purchase_id: string; funded_coins: bigint }[]>(
    `select id, metadata->>'purchaseId' as purchase_id, (metadata->>'fundedCoins')::int8 as funded_coins
     from ledger_transfers where id = any($1::uuid[])`,
    [legs.map((leg) => reversalIdFor(leg.id))],
  );
  return new Map(
    rows.map((row) => [
      row.id,
      { purchaseId: row.purchase_id, fundedCoins: Number(row.funded_coins) },
    ]),
  );
}
