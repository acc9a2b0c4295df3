/*
 * How every page of the extension writes numbers and dates, on Intl. Amounts are integers from
 * the API (coins, diamonds, money in the currency's minor unit); nothing here converts between
 * them, it only writes them for a person.
 */

const LOCALE = "en-US";
const grouped = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const MINUS = "\u2212";

/** 12345 -> "12,345"; negatives with a true minus sign ("−50"), which screen readers say as minus. */
export function formatCount(value: number): string {
  const text = grouped.format(Math.abs(value));
  return value < 0 ? `${MINUS}${text}` : text;
}

/** A wallet balance: never shown below zero (a hold or a race never reads as debt). */
export function formatBalance(coins: number): string {
  return grouped.format(Math.max(0, coins));
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

const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string): Intl.NumberFormat {
  let format = moneyFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE, { style: "currency", currency });
    moneyFormats.set(currency, format);
  }
  return format;
}

/** How many minor units a currency's major unit has, as a power of ten: USD 2, JPY 0. */
export function currencyExponent(currency: string): number {
  return moneyFormat(currency).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * Money in the currency's minor unit, with that currency's exponent: (4850, "USD") -> "$48.50",
 * (500, "JPY") -> "¥500", (-5, "USD") -> "−$0.05". Exact: the minor units are split into
 * digits, never divided as a float.
 */
export function formatMoneyMinor(amountMinor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const abs = Math.abs(Math.trunc(amountMinor));
  const digits = String(abs).padStart(exponent + 1, "0");
  const decimal =
    exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
  // Intl takes the decimal string exactly (no float rounding) in every engine the extension runs in.
  const text = moneyFormat(currency).format(decimal as unknown as number);
  return amountMinor < 0 ? `${MINUS}${text}` : text;
}

/** US cents as dollars: 4850 -> "$48.50", -5 -> "−$0.05". */
export function formatUsdMinor(cents: number): string {
  return formatMoneyMinor(cents, "USD");
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

/** +1,100 / −5: a wallet movement from the person's side. */
export function formatSignedCoins(coins: number): string {
  return coins > 0 ? `+${formatCount(coins)}` : `${MINUS}${formatCount(Math.abs(coins))}`;
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

/** A date and time the person reads in their own time zone, without the year: "23 Nov, 14:05". */
export function formatShortDateTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, {
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
  });
}

/** Whole non-negative numbers typed by a person ("1,000", " 250 "), or null when not one. */
export function parseWholeNumber(text: string): number | null {
  const cleaned = text.trim().replace(/[,\s_]/g, "");
  if (!/^\d{1,15}$/.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isSafeInteger(value) ? value : null;
}
