/*
 * Turns `analytics.dashboard` answers into what the charts draw (labels and number arrays) and
 * into sentences that say the same for people who cannot see the charts.
 */

import { formatBucketLabel, formatCoins, formatCount, formatDiamonds } from "../../lib/format.ts";
import type { OutputOf } from "../../messaging/contract.ts";
import type { Bucket } from "./range-presets.ts";

type Dashboard = OutputOf<"analytics.dashboard">;
/** One bucket of the dashboard's series, as the API answers it. */
export type SeriesPoint = Dashboard["series"][number];
/** One gift of the dashboard's gift mix, as the API answers it. */
export type GiftMixEntry = Dashboard["giftMix"][number];

export interface LabelOptions {
  readonly timeZone?: string;
}

export interface SeriesChartData {
  readonly labels: string[];
  readonly coins: number[];
  readonly diamonds: number[];
}

/** Coins given and diamonds earned per bucket, labelled by the bucket's start. */
export function shapeSeries(
  series: readonly SeriesPoint[],
  bucket: Bucket,
  options: LabelOptions = {},
): SeriesChartData {
  return {
    labels: series.map((point) => formatBucketLabel(point.at, bucket, options)),
    coins: series.map((point) => point.coins),
    diamonds: series.map((point) => point.diamonds),
  };
}

/** One sentence with the series' totals and its best bucket. */
export function describeSeries(
  series: readonly SeriesPoint[],
  bucket: Bucket,
  options: LabelOptions = {},
): string {
  const first = series[0];
  const last = series.at(-1);
  if (!first || !last) return "No data for this range.";
  const coins = series.reduce((sum, point) => sum + point.coins, 0);
  const diamonds = series.reduce((sum, point) => sum + point.diamonds, 0);
  const span = `From ${formatBucketLabel(first.at, bucket, options)} to ${formatBucketLabel(last.at, bucket, options)}`;
  if (coins === 0 && diamonds === 0) return `${span}: no gifts, tips or paid messages yet.`;
  const best = series.reduce((top, point) => (point.coins > top.coins ? point : top), first);
  const unit = bucket === "day" ? "day" : "hour";
  return `${span}: ${formatCoins(coins)} given, ${formatDiamonds(diamonds)} earned. Best ${unit}: ${formatBucketLabel(best.at, bucket, options)} with ${formatCoins(best.coins)}.`;
}

export interface GiftMixChartData {
  readonly labels: string[];
  readonly coins: number[];
  readonly counts: number[];
}

/** Gifts by coins, the largest `limit - 1` by name and the rest as "Other gifts". */
export function shapeGiftMix(
  mix: readonly GiftMixEntry[],
  giftNames: ReadonlyMap<string, string>,
  limit = 8,
): GiftMixChartData {
  const sorted = [...mix].sort((a, b) => b.coins - a.coins || a.giftId.localeCompare(b.giftId));
  const shown = sorted.length > limit ? sorted.slice(0, limit - 1) : sorted;
  const rest = sorted.slice(shown.length);
  const labels = shown.map((entry) => giftNames.get(entry.giftId) ?? entry.giftId);
  const coins = shown.map((entry) => entry.coins);
  const counts = shown.map((entry) => entry.count);
  if (rest.length > 0) {
    labels.push("Other gifts");
    coins.push(rest.reduce((sum, entry) => sum + entry.coins, 0));
    counts.push(rest.reduce((sum, entry) => sum + entry.count, 0));
  }
  return { labels, coins, counts };
}

export function describeGiftMix(data: GiftMixChartData): string {
  if (data.labels.length === 0) return "No gifts in this range.";
  const total = data.coins.reduce((sum, coins) => sum + coins, 0);
  const parts = data.labels.map(
    (label, i) =>
      `${label}: ${formatCount(data.counts[i] ?? 0)} sent, ${formatCoins(data.coins[i] ?? 0)}`,
  );
  return `Gifts worth ${formatCoins(total)} in total. ${parts.join("; ")}.`;
}

export interface GiftersChartData {
  readonly labels: [string, string];
  readonly values: [number, number];
}

export function shapeGifters(gifters: {
  readonly new: number;
  readonly returning: number;
}): GiftersChartData {
  return { labels: ["New gifters", "Returning gifters"], values: [gifters.new, gifters.returning] };
}

export function describeGifters(gifters: {
  readonly new: number;
  readonly returning: number;
}): string {
  const total = gifters.new + gifters.returning;
  if (total === 0) return "Nobody gave in this range yet.";
  const share = Math.round((gifters.returning / total) * 100);
  return `${formatCount(total)} ${total === 1 ? "person" : "people"} gave: ${formatCount(gifters.new)} new, ${formatCount(gifters.returning)} returning (${share}% returning).`;
}
