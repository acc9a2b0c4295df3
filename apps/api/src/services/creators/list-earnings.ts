import { accountId, listAccountTransfers, type TransferCode } from "@coinstream/db";
import type { CreatorContext } from "../service-context.ts";

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
 * with its source, and each reversal of one (a refunded or disputed purchase) as a negative entry.
 */
export async function listCreatorEarnings(
  { sql, creator }: Pick<CreatorContext, "sql" | "creator">,
  page: { readonly cursor?: string | null | undefined; readonly limit: number },
) {
  const held = accountId({ ownerId: creator.userId, purpose: "creator_held" });
  const { transfers, nextCursor } = await listAccountTransfers(sql, {
    accountId: held,
    before: page.cursor ? BigInt(page.cursor) : null,
    limit: page.limit,
    codes: EARNING_CODES,
  });
  return {
    items: transfers.map((t) => {
      const reversal = t.code === "gift_reversal";
      const source = SOURCE_OF[reversal ? String(t.metadata.reversedCode) : t.code] ?? "gift";
      return {
        kind: reversal ? ("reversal" as const) : source,
        /** For a reversal: what kind of payment it took back. */
        of: source,
        diamonds: reversal ? -Number(t.amount) : Number(t.amount),
        giftId: (t.metadata.giftId as string | null | undefined) ?? null,
        count: reversal ? 1 : ((t.metadata.count as number | undefined) ?? 1),
        message: reversal ? null : ((t.metadata.message as string | null | undefined) ?? null),
        reversal: reversal
          ? {
              reason: t.metadata.reason as "refund" | "chargeback",
              giftAt: String(t.metadata.giftAt),
              isPartial: Boolean(t.metadata.isPartial),
            }
          : null,
        at: t.createdAt.toISOString(),
      };
    }),
    nextCursor: nextCursor?.toString() ?? null,
  };
}
