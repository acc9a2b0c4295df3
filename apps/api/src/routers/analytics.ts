import { z } from "zod";
import { exportAnalyticsCsv } from "../services/analytics/export-analytics-csv.ts";
import { getAnalyticsDashboard } from "../services/analytics/get-analytics-dashboard.ts";
import { creatorProcedure, router } from "../trpc/init.ts";
import { storableDateTimeSchema } from "./bounded-inputs.ts";
import { csvFileSchema } from "./output-schemas.ts";

/** A range of the caller's own analytics; widened to whole UTC buckets, at most 31 days of hours or 400 of days. */
const analyticsRangeSchema = z.object({
  from: storableDateTimeSchema,
  to: storableDateTimeSchema,
  bucket: z.enum(["hour", "day"]).default("day"),
});

export const analyticsRouter = router({
  /** Totals, a series per bucket, top gifters, gift mix, new vs returning gifters, live sessions, reversals. */
  dashboard: creatorProcedure
    .input(analyticsRangeSchema)
    .query(({ ctx, input }) => getAnalyticsDashboard(ctx, input)),

  /** The range's series and gift mix as a CSV file's text, for download. */
  exportCsv: creatorProcedure
    .input(analyticsRangeSchema)
    .output(csvFileSchema)
    .query(({ ctx, input }) => exportAnalyticsCsv(ctx, input)),
});
