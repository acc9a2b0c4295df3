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
  PLATFORM_OWNER,
  type TransferRequest,
  transferIdFor,
} from "@coinstream/db";
import { announceCommittedEvent, paidEventPayload } from "../../realtime/record-stream-event.ts";
import { extendedHoldFrom } from "../earnings/gift-hold.ts";
import { type Cosmetic, notOwnedError } from "../profile/cosmetics.ts";
import type { ViewerContext } from "../service-context.ts";
import { refuseSpend, type SpendKind, spendCoins, spendIdFor } from "../spending/spend-coins.ts";
import {
  type ResolvedCreator,
  requireCreator,
  type StreamTarget,
} from "../streams/resolve-creator.ts";
import { ensureViewerWallet } from "../wallet/viewer-wallet.ts";

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
  /** A sticker the sender owns, sent with a tip (ownership decided in the batch). */
  readonly sticker?: Cosmetic | null;
  /** The person confirmed a spend at or above their confirmation threshold. */
  readonly confirmed: boolean;
  /** The rate card in force (share, version stamp); core's current card when not given. */
  readonly rateCard?: RateCard;
}

/** What a kind of payment adds to the gift path (a paid message: its checks and inbox row). */
export interface PaymentExtras {
  /** The creator of `to`, already resolved and checked by the caller: not resolved again. */
  readonly creator?: ResolvedCreator;
  /** Merged into the spend; `check` runs before the new-buyer hold on a first attempt. */
  readonly spend?: Pick<SpendKind, "creator" | "check" | "rows" | "retryPaysStored">;
}

/**
 * Moves coins from the viewer to a creator as one linked pair of transfers (coins to platform
 * revenue, the creator's share as held diamonds) and stores the public stream event with them,
 * after every rule: the creator may receive and nobody gifts themself (here), the viewer may
 * gift and the spending limits allow it (decided in the ledger's batch, `spendCoins`). One
 * ledger submission: no transaction, lock or balance read of its own. Retrying the same key
 * returns the first result; the same key for a different payment is a conflict.
 */
export async function sendToCreator(
  { sql, ledger, viewer, now }: Pick<ViewerContext, "sql" | "ledger" | "viewer" | "now">,
  payment: CreatorPayment,
  extras: PaymentExtras = {},
) {
  const refuse = (refusal: unknown) => refuseSpend({ sql, viewer, now }, refusal);
  const creator = extras.creator ?? (await requireCreator(sql, payment.to, now).catch(refuse));
  if (creator.userId === viewer.userId) {
    await refuse(
      new DomainError(DomainErrorCode.NOT_ELIGIBLE, "You cannot send gifts or tips to yourself.", {
        reasons: [{ code: "SELF_GIFT" }],
      }),
    );
  }
  if (!creator.canReceive) {
    await refuse(
      new DomainError(
        DomainErrorCode.NOT_ELIGIBLE,
        `@${creator.handle} cannot receive gifts yet: ${creator.reasons.map((r) => r.message).join(" ")}`,
        { reasons: creator.reasons },
      ),
    );
  }

  const wallet = await ensureViewerWallet(sql, viewer.userId);
  const [held] = await ensureAccounts(sql, [{ ownerId: creator.userId, purpose: "creator_held" }]);
  const rateCard = payment.rateCard ?? RATE_CARD;
  const sticker = payment.sticker ?? null;
  const isGift = payment.kind === "gift";
  const shareBps = getCreatorShareBps(
    { tier: creator.tier, overrideBps: creator.shareOverrideBps },
    rateCard,
  );
  const metadata = {
    ...(payment.giftId ? { giftId: payment.giftId, count: payment.count } : {}),
    message: payment.message,
    ...(sticker ? { stickerId: sticker.id } : {}),
    creatorUserId: creator.userId,
    handle: creator.handle,
    shareBps,
    rateCardVersion: rateCard.version,
  };
  const legs = { linkedGroup: payment.idempotencyKey, metadata };
  const paid = await spendCoins(
    { ledger, viewer, now },
    {
      wallet,
      coins: payment.coins,
      confirmed: payment.confirmed,
      coinLeg: {
        ...legs,
        id: spendIdFor(viewer.userId, payment.idempotencyKey),
        debitAccountId: wallet,
        creditAccountId: accountId({ ownerId: PLATFORM_OWNER, purpose: "platform_coin_revenue" }),
        asset: "COIN",
        amount: BigInt(payment.coins),
        code: payment.kind,
      },
    },
    {
      // The creator's share carries its fraction from gift to gift (core's splitCarriedGift, in
      // the batch); a retry repeats the first attempt's diamonds and hold.
      share: {
        creatorUserId: creator.userId,
        shareBps,
        diamondLeg: {
          ...legs,
          id: transferIdFor(`${viewer.userId}:${payment.idempotencyKey}`, "diamonds"),
          debitAccountId: accountId({
            ownerId: PLATFORM_OWNER,
            purpose: "platform_diamond_issuance",
          }),
          creditAccountId: held as string,
          asset: "DIAMOND",
          code: DIAMOND_CODE[payment.kind],
        },
      },
      // Stickers: owned cosmetics, read with the spend state (no statement of their own). Gifts:
      // the worn entrance effect and whether this is the viewer's first gift of the session.
      reads: { newBuyerPurchases: true, cosmetics: sticker !== null, entranceEffect: isGift },
      ...extras.spend,
      event: {
        kind: payment.kind,
        creatorUserId: creator.userId,
        ...(isGift && payment.giftId
          ? { combo: { giftId: payment.giftId, count: payment.count } }
          : {}),
        firstInSession: isGift,
        payload: ({ combo, at, firstInSession, person }) =>
          paidEventPayload(
            {
              creatorHandle: creator.handle,
              viewerName: viewer.name,
              coins: payment.coins,
              giftId: payment.giftId,
              count: payment.count,
              message: payment.message,
              at,
              entrance: firstInSession ? person.entranceEffect : null,
              sticker: sticker && { id: sticker.id, text: sticker.style },
            },
            combo,
          ),
      },
      // New-buyer coins hold the creator's diamonds longer (`holdUntil`). A sticker not owned
      // refuses the tip before any cap or balance speaks: nothing is charged.
      check: (facts) => {
        if (sticker && !facts.person.cosmetics.some((owned) => owned.itemId === sticker.id)) {
          throw notOwnedError(sticker, "send it with a tip");
        }
        const accepted = extras.spend?.check?.(facts) ?? {};
        const holdUntil = extendedHoldFrom(facts.person.newBuyerPurchases, now, rateCard);
        return holdUntil
          ? { ...accepted, metadata: { ...accepted.metadata, holdUntil } }
          : accepted;
      },
      replayMetadata: (stored) =>
        stored.metadata.holdUntil ? { holdUntil: stored.metadata.holdUntil } : {},
    },
  );
  if (!paid.replayed) announceCommittedEvent(sql, creator.userId);
  return {
    transferId: paid.transfer.id,
    replayed: paid.replayed,
    coinsSpent: toSafeInteger(paid.transfer.amount),
    balance: paid.balance,
    creator: {
      handle: creator.handle,
      diamonds: paid.diamonds,
    },
    rateCardVersion: String(paid.transfer.metadata.rateCardVersion ?? rateCard.version),
    /** When the coins moved (the transaction's time), as every answer sends a time. */
    paidAt: paid.transfer.createdAt.toISOString(),
  };
}

const DIAMOND_CODE = {
  gift: "gift_diamonds",
  tip: "tip_diamonds",
  message: "message_diamonds",
} as const satisfies Record<CreatorPayment["kind"], TransferRequest["code"]>;
