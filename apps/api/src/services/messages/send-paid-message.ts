import {
  DomainError,
  DomainErrorCode,
  normalizeText,
  RATE_CARD,
  toSafeInteger,
} from "@coinstream/core";
import type { Ledger, Sql } from "@coinstream/db";
import type { Viewer } from "../../trpc/context.ts";
import { requireCreatorAccount } from "../creators/require-creator-account.ts";
import { sendToCreator } from "../gifts/send-to-creator.ts";
import { spendIdFor } from "../spending/spend-coins.ts";
import { requireCreator } from "../streams/resolve-creator.ts";
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
 * `sendToCreator` (limits, confirmation, idempotency), then the inbox row keyed by the coin
 * transfer, so retrying the same key returns the same message and charges once.
 */
export async function sendPaidMessage(
  sql: Sql,
  ledger: Ledger,
  viewer: Viewer,
  input: PaidMessageInput,
  now: Date,
) {
  const body = normalizeText(input.body, {
    what: "A message",
    maxLength: RATE_CARD.messages.maxLength,
    allowLineBreaks: false,
  });
  const creator = await requireCreator(sql, input.to, now);
  const coinLegId = spendIdFor(viewer.userId, input.idempotencyKey);
  const [paid] = await sql<{ amount: bigint }[]>`
    select amount from ledger_transfers where id = ${coinLegId}`;
  // A retry pays what the first attempt paid; the ledger refuses it if anything else differs.
  const coins = paid
    ? toSafeInteger(paid.amount)
    : await assertMayMessage(sql, viewer, creator, input.expectedCoins);

  const payment = await sendToCreator(
    sql,
    ledger,
    viewer,
    {
      idempotencyKey: input.idempotencyKey,
      to: input.to,
      coins,
      kind: "message",
      giftId: null,
      count: 1,
      message: body,
      confirmed: input.confirm,
    },
    now,
  );
  await sql`
    insert into paid_messages (id, creator_user_id, sender_user_id, sender_name, body, coins, diamonds, created_at)
    values (${payment.transferId}, ${creator.userId}, ${viewer.userId}, ${viewer.name}, ${body},
            ${payment.coinsSpent}, ${payment.creator.diamonds}, ${now})
    on conflict (id) do nothing`;
  const [row] = await sql<PaidMessageRow[]>`
    select * from paid_messages where id = ${payment.transferId}`;
  if (!row) throw new Error(`paid message ${payment.transferId} vanished after insert`);
  return {
    messageId: payment.transferId,
    replayed: payment.replayed,
    coinsSpent: payment.coinsSpent,
    balance: payment.balance,
    rateCardVersion: payment.rateCardVersion,
    message: toSentMessage({ ...row, handle: creator.handle }),
  };
}

/** The checks of a first attempt, before any coin moves; returns the price to charge. */
async function assertMayMessage(
  sql: Sql,
  viewer: Viewer,
  creator: Awaited<ReturnType<typeof requireCreator>>,
  expectedCoins: number,
): Promise<number> {
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
  const [blocked] = await sql<{ blocked: boolean }[]>`
    select true as blocked from creator_blocks
    where creator_user_id = ${creator.userId} and blocked_user_id = ${viewer.userId}`;
  if (blocked) {
    // Says no more than this: the sender is not told they were blocked.
    throw new DomainError(
      DomainErrorCode.NOT_ELIGIBLE,
      "This creator is not accepting your messages.",
    );
  }
  const { messagePriceCoins } = await requireCreatorAccount(sql, creator.userId);
  if (expectedCoins !== messagePriceCoins) {
    throw new DomainError(
      DomainErrorCode.CONFLICT,
      `A message to @${creator.handle} now costs ${messagePriceCoins} coins, not ${expectedCoins}; check the new price and send again.`,
      { priceCoins: messagePriceCoins },
    );
  }
  return messagePriceCoins;
}
