import { RATE_CARD } from "@coinstream/core";

const GIFT_NAMES: ReadonlyMap<string, string> = new Map(
  RATE_CARD.gifts.map((gift) => [gift.id, gift.name]),
);

export interface HistoryItemLike {
  readonly code: string;
  readonly phase?: string;
  readonly coins: number;
  readonly metadata?: Readonly<Record<string, unknown>> | null;
}

function text(metadata: HistoryItemLike["metadata"], key: string): string | null {
  const value = metadata?.[key];
  return typeof value === "string" && value !== "" ? value : null;
}

/** What one wallet history row means, in words: "Gift to @nova: 3 × Heart". */
export function describeHistoryItem(item: HistoryItemLike): string {
  const handle = text(item.metadata, "handle");
  const to = handle ? ` to @${handle}` : "";
  const count = item.metadata?.count;
  switch (item.code) {
    case "purchase":
      return "Bought coins";
    case "bonus":
      return "Bonus coins";
    case "gift": {
      const giftId = text(item.metadata, "giftId");
      const name = giftId ? (GIFT_NAMES.get(giftId) ?? giftId) : null;
      const what = name
        ? `: ${typeof count === "number" && count > 1 ? `${count} × ` : ""}${name}`
        : "";
      return `Gift${to}${what}`;
    }
    case "tip":
      return `Tip${to}`;
    case "boost":
      return `Boost${handle ? ` for @${handle}` : ""}`;
    case "message":
      return `Paid message${to}`;
    case "unlock":
      return "Profile item";
    case "refund":
      return "Refund";
    case "chargeback":
      return "Payment reversed";
    default:
      return item.code;
  }
}
