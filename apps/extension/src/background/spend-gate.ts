import { RATE_CARD } from "@coinstream/core";

/**
 * Spends from the page panel at or above this many coins are confirmed in a window the extension
 * owns (never in the page), whatever the viewer's own threshold; spends the API asks to confirm
 * (the viewer's threshold) go there too.
 */
export const LARGE_SPEND_COINS = 1_000;

/** What the confirmation window shows: from the request, worked out by the background. */
export interface SpendSummary {
  readonly coins: number;
  /** "3 × Heart" or "a tip". */
  readonly what: string;
  /** "@nova" or the stream page's address. */
  readonly to: string;
  /** The site the panel was on. */
  readonly site: string;
}

interface SpendInput {
  readonly giftId?: unknown;
  readonly count?: unknown;
  readonly coins?: unknown;
  readonly to?: unknown;
}

/**
 * The coins a gifts.send or tips.send input spends, from the extension's copy of the rate card
 * (the API charges the same card), with a description; null when the input names no known gift
 * or no whole amount.
 */
export function summarizeSpend(path: string, input: unknown, pageUrl: string): SpendSummary | null {
  if (typeof input !== "object" || input === null) return null;
  const value = input as SpendInput;
  const to = describeTarget(value.to);
  const site = new URL(pageUrl).origin;
  if (path === "tips.send") {
    if (!isWholeCount(value.coins)) return null;
    return { coins: value.coins, what: "a tip", to, site };
  }
  if (path === "gifts.send") {
    const gift = RATE_CARD.gifts.find((candidate) => candidate.id === value.giftId);
    if (!gift || !isWholeCount(value.count)) return null;
    return { coins: gift.coins * value.count, what: `${value.count} × ${gift.name}`, to, site };
  }
  return null;
}

function isWholeCount(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0;
}

function describeTarget(to: unknown): string {
  if (typeof to === "object" && to !== null) {
    const target = to as { handle?: unknown; url?: unknown };
    if (typeof target.handle === "string") return `@${target.handle}`;
    if (typeof target.url === "string") return target.url;
  }
  return "this stream";
}

/** Must this spend be confirmed in the extension's window before it is sent? */
export function needsWindowConfirmation(summary: SpendSummary): boolean {
  return summary.coins >= LARGE_SPEND_COINS;
}
