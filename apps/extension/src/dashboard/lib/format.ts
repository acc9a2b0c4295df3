/*
 * How the dashboard writes numbers and dates. Amounts are integers from the API (diamonds, coins,
 * US cents); nothing here converts between them, it only writes them for a person.
 */

const grouped = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** 12345 -> "12,345"; negatives with a true minus sign ("−50"), which screen readers say as minus. */
export function formatCount(value: number): string {
  const text = grouped.format(Math.abs(value));
  return value < 0 ? `\u2212${text}` : text;
}

/** "1 diamond", "12,345 diamonds", "−50 diamonds". */
export function formatDiamonds(diamonds: number): string {
  return `${formatCount(diamonds)} ${Math.abs(diamonds) === 1 ? "diamond" : "diamonds"}`;
}

/** "1 coin", "2,500 coins". */
export function formatCoins(coins: number): string {
  return `${formatCount(coins)} ${Math.abs(coins) === 1 ? "coin" : "coins"}`;
}

/** An earning's amount with its sign always shown: "+30", "−12". */
export function formatSignedCount(value: number): string {
  return value > 0 ? `+${formatCount(value)}` : formatCount(value);
}

/** US cents as dollars: 4850 -> "$48.50", -5 -> "−$0.05". */
export function formatUsdMinor(cents: number): string {
  const abs = Math.abs(Math.trunc(cents));
  const dollars = Math.floor(abs / 100);
  const rest = String(abs % 100).padStart(2, "0");
  return `${cents < 0 ? "\u2212" : ""}$${grouped.format(dollars)}.${rest}`;
}

export interface DateFormatOptions {
  readonly locale?: string;
  /** IANA zone; the person's own zone unless given (tests pass "UTC"). */
  readonly timeZone?: string;
}

/** "22 Nov 2026, 14:05" in the person's zone (or the one given). */
export function formatDateTime(iso: string, options: DateFormatOptions = {}): string {
  return new Intl.DateTimeFormat(options.locale ?? "en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
    timeZone: options.timeZone,
  }).format(new Date(iso));
}

/** "22 Nov 2026". */
export function formatDate(iso: string, options: DateFormatOptions = {}): string {
  return new Intl.DateTimeFormat(options.locale ?? "en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: options.timeZone,
  }).format(new Date(iso));
}

/**
 * A chart bucket's label: day buckets are UTC days, so they are written as UTC dates ("22 Nov");
 * hour buckets are written in the person's zone ("22 Nov, 14:00").
 */
export function formatBucketLabel(
  iso: string,
  bucket: "hour" | "day",
  options: DateFormatOptions = {},
): string {
  const locale = options.locale ?? "en-GB";
  if (bucket === "day") {
    return new Intl.DateTimeFormat(locale, {
      day: "numeric",
      month: "short",
      timeZone: "UTC",
    }).format(new Date(iso));
  }
  return new Intl.DateTimeFormat(locale, {
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
    timeZone: options.timeZone,
  }).format(new Date(iso));
}

/**
 * The span an analytics answer covers (`to` is exclusive): whole UTC days as dates
 * ("15 Nov 2026 – 22 Nov 2026 (UTC days)"), hours as date-times in the person's zone.
 */
export function formatRange(
  fromIso: string,
  toIso: string,
  bucket: "hour" | "day",
  options: DateFormatOptions = {},
): string {
  if (bucket === "day") {
    const lastDay = new Date(Date.parse(toIso) - 1).toISOString();
    const utc = { ...options, timeZone: "UTC" };
    return `${formatDate(fromIso, utc)} – ${formatDate(lastDay, utc)} (UTC days)`;
  }
  return `${formatDateTime(fromIso, options)} – ${formatDateTime(toIso, options)}`;
}

/** A duration between two instants, for live sessions: "45 min", "2 h 05 min". */
export function formatDuration(fromIso: string, toIso: string): string {
  const minutes = Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${String(minutes % 60).padStart(2, "0")} min`;
}

/** Whole non-negative numbers typed by a person ("1,000", " 250 "), or null when not one. */
export function parseWholeNumber(text: string): number | null {
  const cleaned = text.trim().replace(/[,\s_]/g, "");
  if (!/^\d{1,15}$/.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isSafeInteger(value) ? value : null;
}
