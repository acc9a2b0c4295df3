/*
 * The analytics ranges a creator picks from. The API widens a range to whole UTC buckets and
 * allows at most 31 days of hours or 400 of days, so each preset lists the buckets it may use.
 */

export type Bucket = "hour" | "day";
export type RangePresetId = "24h" | "7d" | "30d" | "90d";

export interface RangePreset {
  readonly id: RangePresetId;
  readonly label: string;
  readonly hours: number;
  /** The buckets the API accepts for a range this long, the default first. */
  readonly buckets: readonly Bucket[];
}

const HOUR_MS = 3_600_000;

export const RANGE_PRESETS: readonly RangePreset[] = [
  { id: "24h", label: "24 hours", hours: 24, buckets: ["hour"] },
  { id: "7d", label: "7 days", hours: 7 * 24, buckets: ["day", "hour"] },
  { id: "30d", label: "30 days", hours: 30 * 24, buckets: ["day", "hour"] },
  { id: "90d", label: "90 days", hours: 90 * 24, buckets: ["day"] },
];

export const DEFAULT_RANGE_PRESET: RangePresetId = "7d";

export function findRangePreset(id: string): RangePreset {
  return RANGE_PRESETS.find((preset) => preset.id === id) ?? (RANGE_PRESETS[1] as RangePreset);
}

/** The bucket to use: the one asked for when the preset allows it, else the preset's default. */
export function bucketForPreset(preset: RangePreset, wanted: Bucket | null): Bucket {
  return wanted && preset.buckets.includes(wanted) ? wanted : (preset.buckets[0] as Bucket);
}

export interface AnalyticsRangeInput {
  readonly from: string;
  readonly to: string;
  readonly bucket: Bucket;
}

/**
 * The `analytics.dashboard` input for a preset ending now. `to` is the start of the next hour
 * so the current hour (or day) is included whole and repeated loads within an hour ask the same
 * range; `from` keeps the preset's length, so hour ranges stay inside the API's 31 days.
 */
export function rangeForPreset(
  preset: RangePreset,
  bucket: Bucket | null,
  now: Date,
): AnalyticsRangeInput {
  const to = Math.ceil((now.getTime() + 1) / HOUR_MS) * HOUR_MS;
  const from = to - preset.hours * HOUR_MS;
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    bucket: bucketForPreset(preset, bucket),
  };
}
