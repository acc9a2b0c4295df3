import { z } from "zod";
import type { AnalyticsBucket } from "../services/analytics/analytics-range.ts";
import { exportAnalyticsCsv } from "../services/analytics/export-analytics-csv.ts";
import { getAnalyticsDashboard } from "../services/analytics/get-analytics-dashboard.ts";
import { creatorProcedure, router } from "../trpc/init.ts";
import { storableDateTimeSchema } from "./bounded-inputs.ts";
import {
  codeSchema,
  countSchema,
  csvFileSchema,
  isoDateTimeSchema,
  rankedSupporterSchema,
  sessionSpanShape,
} from "./output-schemas.ts";

/** A range of the caller's own analytics; widened to whole UTC buckets, at most 31 days of hours or 400 of days. */
const analyticsRangeSchema = z.object({
  from: storableDateTimeSchema,
  to: storableDateTimeSchema,
  bucket: z.enum(["hour", "day"]).default("day"),
});

const activityCountsSchema = {
  coins: countSchema,
  gifts: countSchema,
  tips: countSchema,
  diamonds: countSchema,
  messages: countSchema,
};

const dashboardSchema = z.strictObject({
  from: isoDateTimeSchema,
  to: isoDateTimeSchema,
  bucket: codeSchema<AnalyticsBucket>(),
  totals: z.strictObject({ events: countSchema, ...activityCountsSchema }),
  series: z.array(z.strictObject({ at: isoDateTimeSchema, ...activityCountsSchema })),
  giftMix: z.array(
    z.strictObject({
      giftId: z.string(),
      count: countSchema,
      coins: countSchema,
      diamonds: countSchema,
    }),
  ),
  sessions: z.array(
    z.strictObject({
      id: z.string(),
      ...sessionSpanShape,
      events: countSchema,
      coins: countSchema,
      diamonds: countSchema,
    }),
  ),
  topGifters: z.array(rankedSupporterSchema),
  gifters: z.strictObject({ new: countSchema, returning: countSchema }),
  reversedDiamonds: countSchema,
});

export const analyticsRouter = router({
  /** Totals, a series per bucket, top gifters, gift mix, new vs returning gifters, live sessions, reversals. */
  dashboard: creatorProcedure
    .input(analyticsRangeSchema)
    .output(dashboardSchema)
    .query(({ ctx, input }) => getAnalyticsDashboard(ctx, input)),

  /** The range's series and gift mix as a CSV file's text, for download. */
  exportCsv: creatorProcedure
    .input(analyticsRangeSchema)
    .output(csvFileSchema)
    .query(({ ctx, input }) => exportAnalyticsCsv(ctx, input)),
});
