import { DomainError, DomainErrorCode } from "@coinstream/core";

export type AnalyticsBucket = "hour" | "day";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
export const BUCKET_MS: Readonly<Record<AnalyticsBucket, number>> = { hour: HOUR_MS, day: DAY_MS };

/** The longest range per bucket: a month of hours, a bit over a year of days. */
export const MAX_RANGE_DAYS: Readonly<Record<AnalyticsBucket, number>> = { hour: 31, day: 400 };

/** A range of whole UTC buckets: `from` inclusive, `to` exclusive. */
export interface AnalyticsRange {
  readonly from: Date;
  readonly to: Date;
  readonly bucket: AnalyticsBucket;
}

/**
 * The range a dashboard covers: `from` and `to` widened to whole buckets (UTC hours or days, so
 * every bucket is complete), refused when empty, reversed or longer than the bucket allows.
 */
export function resolveAnalyticsRange(input: {
  readonly from: string;
  readonly to: string;
  readonly bucket: AnalyticsBucket;
}): AnalyticsRange {
  const fromMs = Date.parse(input.from);
  const toMs = Date.parse(input.to);
  if (Number.isNaN(fromMs) || Number.isNaN(toMs)) {
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      "Give `from` and `to` as ISO 8601 date-times, e.g. 2026-11-01T00:00:00Z.",
    );
  }
  if (fromMs >= toMs) {
    throw new DomainError(DomainErrorCode.INVALID_INPUT, "`from` must be before `to`.", {
      from: input.from,
      to: input.to,
    });
  }
  const size = BUCKET_MS[input.bucket];
  const from = Math.floor(fromMs / size) * size;
  const to = Math.ceil(toMs / size) * size;
  const maxDays = MAX_RANGE_DAYS[input.bucket];
  if (to - from > maxDays * DAY_MS) {
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      `A range in ${input.bucket} buckets covers at most ${maxDays} days; narrow it${input.bucket === "hour" ? " or use day buckets" : ""}.`,
      { bucket: input.bucket, maxDays },
    );
  }
  return { from: new Date(from), to: new Date(to), bucket: input.bucket };
}

/** Whole UTC days inside the range, and the partial-day stretches at its ends. */
export function splitIntoDays(range: { readonly from: Date; readonly to: Date }) {
  const firstWholeDay = Math.ceil(range.from.getTime() / DAY_MS) * DAY_MS;
  const endOfWholeDays = Math.floor(range.to.getTime() / DAY_MS) * DAY_MS;
  if (firstWholeDay >= endOfWholeDays) {
    return { wholeDays: null, partial: [{ from: range.from, to: range.to }] };
  }
  const partial = [
    { from: range.from, to: new Date(firstWholeDay) },
    { from: new Date(endOfWholeDays), to: range.to },
  ].filter((part) => part.from < part.to);
  return {
    wholeDays: { from: new Date(firstWholeDay), to: new Date(endOfWholeDays) },
    partial,
  };
}
