import { findGift } from "@coinstream/core";
import type { Sql, StoredTransfer } from "@coinstream/db";

export interface EarningSender {
  readonly senderName: string | null;
  readonly comboId: string | null;
  readonly coins: number;
  /** The combo's gifts and coins so far at this gift (gifts that earned no diamond included). */
  readonly comboCount: number;
  readonly comboCoins: number;
}

/**
 * The sender and combo of each credited gift, tip or message in a page of the hold's history:
 * the stream event of its coin leg, found through the linked group both legs share. Events are
 * looked up in the page's time span only (index on creator and time), never by scanning transfers.
 */
export async function findEarningSenders(
  sql: Sql,
  creatorUserId: string,
  transfers: readonly StoredTransfer[],
): Promise<Map<string, EarningSender>> {
  const credits = transfers.filter((t) => t.code !== "gift_reversal" && t.linkedGroup);
  if (credits.length === 0) return new Map();
  const times = credits.map((t) => t.createdAt.getTime());
  const rows = await sql<
    {
      linked_group: string;
      name: string | null;
      combo_id: string | null;
      coins: bigint;
      combo_count: number | null;
      combo_coins: number | null;
    }[]
  >`
    select c.linked_group, e.payload->>'viewerName' as name, e.payload->>'comboId' as combo_id, e.coins,
           (e.payload->>'comboCount')::int as combo_count, (e.payload->'combo'->>'coins')::int8::float8 as combo_coins
    from stream_events e join ledger_transfers c on c.id = e.transfer_id
    where e.creator_user_id = ${creatorUserId} and e.kind in ('gift', 'tip', 'message')
      and e.created_at >= ${new Date(Math.min(...times) - 60_000)}
      and e.created_at <= ${new Date(Math.max(...times) + 60_000)}
      and c.linked_group = any(${credits.map((t) => t.linkedGroup as string)}::text[])`;
  const byGroup = new Map(rows.map((row) => [row.linked_group, row]));
  const senders = new Map<string, EarningSender>();
  for (const credit of credits) {
    const row = byGroup.get(credit.linkedGroup as string);
    if (row) {
      senders.set(credit.id, {
        senderName: row.name,
        comboId: row.combo_id,
        coins: Number(row.coins),
        comboCount: row.combo_count ?? 1,
        comboCoins: row.combo_coins ?? Number(row.coins),
      });
    }
  }
  return senders;
}

/** "Alex sent Rose x30", "Alex tipped 500 coins", "Alex sent a paid message". */
export function describeEarningRow(row: {
  readonly kind: "gift" | "tip" | "message" | "reversal";
  readonly senderName: string | null;
  readonly giftId: string | null;
  readonly count: number;
  readonly coins: number;
}): string {
  const who = row.senderName || "Someone";
  if (row.kind === "reversal") return "A refunded purchase took back a gift";
  if (row.kind === "tip") return `${who} tipped ${row.coins.toLocaleString("en-US")} coins`;
  if (row.kind === "message") return `${who} sent a paid message`;
  const name = giftName(row.giftId) ?? "a gift";
  return row.count > 1 ? `${who} sent ${name} x${row.count}` : `${who} sent ${name}`;
}

/** A gift's name on the card, or null for one the card no longer lists. */
export function giftName(giftId: string | null): string | null {
  if (!giftId) return null;
  try {
    return findGift(giftId).name;
  } catch {
    return null;
  }
}
