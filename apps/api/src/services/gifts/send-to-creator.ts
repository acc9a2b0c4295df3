import {
  DomainError,
  DomainErrorCode,
  getCreatorShareBps,
  RATE_CARD,
  type RateCard,
  toSafeInteger,
} from "@coinstream/core";
import {
  accountId,
  ensureAccounts,
  getBalances,
  type Ledger,
  PLATFORM_OWNER,
  type Sql,
  type TransferRequest,
  transferIdFor,
} from "@coinstream/db";
import { recordStreamEvent } from "../../realtime/record-stream-event.ts";
import type { Viewer } from "../../trpc/context.ts";
import { readExtendedHold } from "../earnings/gift-hold.ts";
import { assertMaySpend, spendCoins, spendIdFor, type Tx } from "../spending/spend-coins.ts";
import { requireCreator, type StreamTarget } from "../streams/resolve-creator.ts";
import { ensureViewerWallet } from "../wallet/viewer-wallet.ts";
import { carryCreatorShare } from "./carry-creator-share.ts";

export interface CreatorPayment {
  readonly idempotencyKey: string;
  readonly to: StreamTarget;
  readonly coins: number;
  /** A paid message pays exactly like a tip; its body travels as `message`. */
  readonly kind: "gift" | "tip" | "message";
  /** For gifts: which gift and how many; tips have none and a count of 1. */
  readonly giftId: string | null;
  readonly count: number;
  readonly message: string | null;
  /** The person confirmed a spend at or above their confirmation threshold. */
  readonly confirmed: boolean;
  /** The rate card in force (share, version stamp); core's current card when not given. */
  readonly rateCard?: RateCard;
}

/**
 * Moves coins from the viewer to a creator as one linked pair of transfers (coins to platform
 * revenue, the creator's share as held diamonds), after every rule: the viewer may gift, the
 * creator may receive, nobody gifts themself, spending limits allow it. Retrying the same key
 * returns the first result; the same key for a different payment is a conflict.
 */
export async function sendToCreator(
  sql: Sql,
  ledger: Ledger,
  viewer: Viewer,
  payment: CreatorPayment,
  now: Date,
) {
  await assertMaySpend(sql, viewer, now);
  const creator = await requireCreator(sql, payment.to, now);
  if (creator.userId === viewer.userId) {
    throw new DomainError(
      DomainErrorCode.NOT_ELIGIBLE,
      "You cannot send gifts or tips to yourself.",
      {
        reasons: [{ code: "SELF_GIFT" }],
      },
    );
  }
  if (!creator.canReceive) {
    throw new DomainError(
      DomainErrorCode.NOT_ELIGIBLE,
      `@${creator.handle} cannot receive gifts yet: ${creator.reasons.map((r) => r.message).join(" ")}`,
      { reasons: creator.reasons },
    );
  }

  const wallet = await ensureViewerWallet(sql, viewer.userId);
  const ids = {
    coins: spendIdFor(viewer.userId, payment.idempotencyKey),
    diamonds: transferIdFor(`${viewer.userId}:${payment.idempotencyKey}`, "diamonds"),
  };
  const rateCard = payment.rateCard ?? RATE_CARD;
  const shareBps = getCreatorShareBps(
    { tier: creator.tier, overrideBps: creator.shareOverrideBps },
    rateCard,
  );
  const [held] = await ensureAccounts(sql, [{ ownerId: creator.userId, purpose: "creator_held" }]);
  const metadata = {
    ...(payment.giftId ? { giftId: payment.giftId, count: payment.count } : {}),
    message: payment.message,
    creatorUserId: creator.userId,
    handle: creator.handle,
    shareBps,
    rateCardVersion: rateCard.version,
  };
  const coinLegWith = (legMetadata: Readonly<Record<string, unknown>>): TransferRequest => ({
    id: ids.coins,
    debitAccountId: wallet,
    creditAccountId: accountId({ ownerId: PLATFORM_OWNER, purpose: "platform_coin_revenue" }),
    asset: "COIN",
    amount: BigInt(payment.coins),
    code: payment.kind,
    linkedGroup: payment.idempotencyKey,
    metadata: legMetadata,
  });
  let diamonds = 0;
  const coinLeg = await spendCoins(
    sql,
    ledger,
    viewer,
    {
      wallet,
      coins: payment.coins,
      confirmed: payment.confirmed,
      transfers: [coinLegWith(metadata)],
    },
    now,
    {
      // The creator's share carries its fraction from gift to gift (core's splitCarriedGift), and
      // new-buyer coins hold its diamonds longer (`holdUntil`); a retry repeats the first attempt.
      finalize: async (tx, isRetry) => {
        // The carry lane last: its lock lasts until the transaction ends, so it is held briefly.
        const first = isRetry
          ? await readStoredGift(tx, ids)
          : {
              holdUntil: await readExtendedHold(tx, viewer.userId, now, rateCard),
              diamonds: await carryCreatorShare(
                tx,
                { userId: creator.userId, shareBps },
                payment.coins,
              ),
            };
        diamonds = first.diamonds;
        const legMetadata = first.holdUntil
          ? { ...metadata, holdUntil: first.holdUntil }
          : metadata;
        // Nothing for the creator this time (a first 1-coin rose at 50%): no diamond leg.
        if (diamonds === 0) return [coinLegWith(legMetadata)];
        return [
          coinLegWith(legMetadata),
          {
            id: ids.diamonds,
            debitAccountId: accountId({
              ownerId: PLATFORM_OWNER,
              purpose: "platform_diamond_issuance",
            }),
            creditAccountId: held as string,
            asset: "DIAMOND",
            amount: BigInt(diamonds),
            code: DIAMOND_CODE[payment.kind],
            linkedGroup: payment.idempotencyKey,
            metadata: legMetadata,
          },
        ];
      },
    },
  );

  await recordStreamEvent(sql, {
    transferId: coinLeg.transfer.id,
    kind: payment.kind,
    creatorUserId: creator.userId,
    creatorHandle: creator.handle,
    viewerId: viewer.userId,
    viewerName: viewer.name,
    coins: toSafeInteger(coinLeg.transfer.amount),
    diamonds,
    giftId: payment.giftId,
    count: payment.count,
    message: payment.message,
    at: coinLeg.transfer.createdAt,
  });
  const balance = (await getBalances(sql, [wallet])).get(wallet);
  return {
    transferId: coinLeg.transfer.id,
    replayed: coinLeg.replayed,
    coinsSpent: toSafeInteger(coinLeg.transfer.amount),
    balance: toSafeInteger(balance?.available ?? 0n),
    creator: {
      handle: creator.handle,
      diamonds,
    },
    rateCardVersion: String(coinLeg.transfer.metadata.rateCardVersion ?? rateCard.version),
  };
}

const DIAMOND_CODE = {
  gift: "gift_diamonds",
  tip: "tip_diamonds",
  message: "message_diamonds",
} as const satisfies Record<CreatorPayment["kind"], TransferRequest["code"]>;

/** What a stored gift credited its creator (its diamond leg, 0 without one) and its hold. */
async function readStoredGift(
  tx: Tx,
  ids: { readonly coins: string; readonly diamonds: string },
): Promise<{ diamonds: number; holdUntil: string | null }> {
  const [stored] = await tx<{ diamonds: bigint | null; hold_until: string | null }[]>`
    select (select amount from ledger_transfers where id = ${ids.diamonds}) as diamonds,
      (select metadata->>'holdUntil' from ledger_transfers where id = ${ids.coins}) as hold_until`;
  return {
    diamonds: stored?.diamonds ? toSafeInteger(stored.diamonds) : 0,
    holdUntil: stored?.hold_until ?? null,
  };
}
