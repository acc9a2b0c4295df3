import { DomainError, DomainErrorCode, normalizeText, RATE_CARD } from "@coinstream/core";
import type { MessageSpendState } from "@coinstream/db";
import { notACreatorError } from "../creators/require-creator-account.ts";
import { sendToCreator } from "../gifts/send-to-creator.ts";
import type { Viewer, ViewerContext } from "../service-context.ts";
import { type ResolvedCreator, requireCreator } from "../streams/resolve-creator.ts";
import { type PaidMessageRow, toSentMessage } from "./paid-message-rows.ts";

export interface PaidMessageInput {
  readonly idempotencyKey: string;
  readonly to: { readonly handle: string };
  readonly body: string;
  /** The price the viewer was shown; a different current price is refused, never charged. */
  readonly expectedCoins: number;
  /** The person confirmed a spend at or above their confirmation threshold. */
  readonly confirm: boolean;
}

/**
 * Sends a paid message to a creator's inbox. Every refusal (body, self, not receiving, blocked,
 * price changed) comes before any coin moves; the payment is a tip-shaped linked pair through
 * `sendToCreator` (limits, confirmation, idempotency) whose ledger batch also decides the block
 * and the price (read after the wallet's lock) and writes the inbox row keyed by the coin
 * transfer, in the transaction of the coins: a payment never commits without its message.
 * Retrying the same key returns the same message, paid once, at what the first attempt paid.
 */
export async function sendPaidMessage(
  { sql, ledger, viewer, now }: Pick<ViewerContext, "sql" | "ledger" | "viewer" | "now">,
  input: PaidMessageInput,
) {
  const body = normalizeText(input.body, {
    what: "A message",
    maxLength: RATE_CARD.messages.maxLength,
    allowLineBreaks: false,
  });
  const creator = await requireCreator(sql, input.to, now);
  assertMayReceive(viewer, creator);

  const payment = await sendToCreator(
    { sql, ledger, viewer, now },
    {
      idempotencyKey: input.idempotencyKey,
      to: input.to,
      coins: input.expectedCoins,
      kind: "message",
      giftId: null,
      count: 1,
      message: body,
      confirmed: input.confirm,
    },
    {
      creator,
      spend: {
        creator: { userId: creator.userId, messages: true },
        check: ({ messages }) => {
          assertMayMessage(creator, messages, input.expectedCoins);
          return {};
        },
        // A retry pays what the first attempt paid, whatever the price is now.
        retryPaysStored: true,
        rows: [
          {
            table: "paid_messages",
            creatorUserId: creator.userId,
            senderName: viewer.name,
            body,
          },
        ],
      },
    },
  );
  // A first attempt wrote the row as below; a retry answers the stored one (a reply since).
  const row: PaidMessageRow | undefined = payment.replayed
    ? (await sql<PaidMessageRow[]>`select * from paid_messages where id = ${payment.transferId}`)[0]
    : {
        id: payment.transferId,
        sender_name: viewer.name,
        body,
        coins: BigInt(payment.coinsSpent),
        diamonds: BigInt(payment.creator.diamonds),
        created_at: new Date(payment.paidAt),
        read_at: null,
        reply: null,
        replied_at: null,
        hidden_at: null,
      };
  if (!row) throw new Error(`paid message ${payment.transferId} has no inbox row`);
  return {
    messageId: payment.transferId,
    replayed: payment.replayed,
    coinsSpent: payment.coinsSpent,
    balance: payment.balance,
    rateCardVersion: payment.rateCardVersion,
    message: toSentMessage({ ...row, handle: creator.handle }),
  };
}

/** Nobody messages themself, and the creator must be able to receive coins: before the ledger. */
function assertMayReceive(viewer: Viewer, creator: ResolvedCreator): void {
  if (creator.userId === viewer.userId) {
    throw new DomainError(DomainErrorCode.NOT_ELIGIBLE, "You cannot send yourself a message.", {
      reasons: [{ code: "SELF_MESSAGE" }],
    });
  }
  if (!creator.canReceive) {
    throw new DomainError(
      DomainErrorCode.NOT_ELIGIBLE,
      `@${creator.handle} cannot receive paid messages yet: ${creator.reasons.map((r) => r.message).join(" ")}`,
      { reasons: creator.reasons },
    );
  }
}

/**
 * The message's rules on a first attempt, in the ledger's batch (after the wallet's lock): the
 * creator has not blocked the sender, and the price the viewer was shown is the price now.
 */
function assertMayMessage(
  creator: ResolvedCreator,
  messages: MessageSpendState | undefined,
  expectedCoins: number,
): void {
  if (messages?.blocked) {
    // Says no more than this: the sender is not told they were blocked.
    throw new DomainError(
      DomainErrorCode.NOT_ELIGIBLE,
      "This creator is not accepting your messages.",
    );
  }
  const priceCoins = messages?.priceCoins ?? null;
  if (priceCoins === null) throw notACreatorError();
  if (expectedCoins !== priceCoins) {
    throw new DomainError(
      DomainErrorCode.CONFLICT,
      `A message to @${creator.handle} now costs ${priceCoins} coins, not ${expectedCoins}; check the new price and send again.`,
      { priceCoins },
    );
  }
}
