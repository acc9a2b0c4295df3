import { accountId, listAccountTransfers, type TransferCode } from "@coinstream/db";
import type { CreatorContext } from "../service-context.ts";
import { describeEarningRow, findEarningSenders, giftName } from "../studio/name-earnings.ts";

const EARNING_CODES: readonly TransferCode[] = [
  "gift_diamonds",
  "tip_diamonds",
  "message_diamonds",
  "gift_reversal",
];

const SOURCE_OF: Readonly<Record<string, "gift" | "tip" | "message">> = {
  gift_diamonds: "gift",
  tip_diamonds: "tip",
  message_diamonds: "message",
};

/**
 * What reached (or left) a creator's held diamonds, newest first: each gift, tip or paid message
 * with its sender and source, and each reversal of one (a refunded or disputed purchase) as a
 * negative entry. The gifts of one combo in a page fold into one row at its newest gift
 * ("Alex sent Rose x30": `count` and `coins` are the combo's so far, counting gifts whose share
 * rounded to no diamond; `diamonds` the folded entries' sum; `events` the entries folded); a
 * combo that crosses a page boundary continues as a row on the next page.
 * `limit` counts ledger entries, so the diamonds of the rows always sum to the ledger's.
 */
export async function listCreatorEarnings(
  { sql, creator }: Pick<CreatorContext, "sql" | "creator">,
  page: { readonly cursor?: string | null | undefined; readonly limit: number },
) {
  const creatorUserId = creator.userId;
  const held = accountId({ ownerId: creatorUserId, purpose: "creator_held" });
  const { transfers, nextCursor } = await listAccountTransfers(sql, {
    accountId: held,
    before: page.cursor ? BigInt(page.cursor) : null,
    limit: page.limit,
    codes: EARNING_CODES,
  });
  const senders = await findEarningSenders(sql, creatorUserId, transfers);
  const items: EarningRow[] = [];
  const comboRows = new Map<string, EarningRow>();
  for (const t of transfers) {
    const reversal = t.code === "gift_reversal";
    const source = SOURCE_OF[reversal ? String(t.metadata.reversedCode) : t.code] ?? "gift";
    const sender = senders.get(t.id);
    const diamonds = reversal ? -Number(t.amount) : Number(t.amount);
    const count = reversal ? 1 : ((t.metadata.count as number | undefined) ?? 1);
    const combo = !reversal && sender?.comboId ? comboRows.get(sender.comboId) : undefined;
    if (combo) {
      // The newest gift (already in the row) carries the combo's count and coins so far.
      combo.diamonds += diamonds;
      combo.events += 1;
      combo.firstAt = t.createdAt.toISOString();
      combo.label = describeEarningRow(combo);
      continue;
    }
    const giftId = (t.metadata.giftId as string | null | undefined) ?? null;
    const row: EarningRow = {
      kind: reversal ? "reversal" : source,
      /** For a reversal: what kind of payment it took back. */
      of: source,
      diamonds,
      giftId,
      giftName: giftName(giftId),
      count: sender?.comboId ? Math.max(count, sender.comboCount) : count,
      coins: reversal ? 0 : ((sender?.comboId ? sender.comboCoins : sender?.coins) ?? 0),
      /** The sender's display name as their event showed it; null for reversals. */
      senderName: reversal ? null : (sender?.senderName ?? null),
      /** Ledger entries folded into the row (a combo's sends). */
      events: 1,
      label: "",
      message: reversal ? null : ((t.metadata.message as string | null | undefined) ?? null),
      reversal: reversal
        ? {
            reason: t.metadata.reason as "refund" | "chargeback",
            giftAt: String(t.metadata.giftAt),
            isPartial: Boolean(t.metadata.isPartial),
          }
        : null,
      at: t.createdAt.toISOString(),
      /** The row's oldest entry (a combo's first gift on this page). */
      firstAt: t.createdAt.toISOString(),
    };
    row.label = describeEarningRow(row);
    items.push(row);
    if (!reversal && sender?.comboId) comboRows.set(sender.comboId, row);
  }
  return { items, nextCursor: nextCursor?.toString() ?? null };
}

interface EarningRow {
  kind: "gift" | "tip" | "message" | "reversal";
  of: "gift" | "tip" | "message";
  diamonds: number;
  giftId: string | null;
  giftName: string | null;
  count: number;
  coins: number;
  senderName: string | null;
  events: number;
  label: string;
  message: string | null;
  reversal: {
    reason: "refund" | "chargeback";
    giftAt: string;
    isPartial: boolean;
  } | null;
  at: string;
  firstAt: string;
}
