import { groupThousands, RATE_CARD } from "@coinstream/core";

/** 5000 -> "5,000". */
export function formatCoins(coins: number): string {
  return groupThousands(Math.trunc(coins));
}

/** +1,100 / -5: a wallet movement from the person's side. */
export function formatSignedCoins(coins: number): string {
  return coins > 0 ? `+${formatCoins(coins)}` : `−${formatCoins(Math.abs(coins))}`;
}

/** "just now", "5 min ago", "3 h ago", "yesterday", or the date for anything older. */
export function formatWhen(iso: string, now: Date): string {
  const at = new Date(iso);
  const seconds = Math.round((now.getTime() - at.getTime()) / 1000);
  if (!Number.isFinite(seconds)) return "";
  if (seconds < 60) return "just now";
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  if (hours < 48) return "yesterday";
  return at.toLocaleDateString(undefined, { day: "numeric", month: "short", year: "numeric" });
}

/** A date and time the person reads in their own time zone, e.g. "23 Nov, 14:05". */
export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, {
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
  });
}

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
