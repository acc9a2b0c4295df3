import type { CreatorContext } from "../service-context.ts";
import { csvField } from "../wallet/export-wallet-csv.ts";
import { resolveAnalyticsRange } from "./analytics-range.ts";
import type { DashboardQuery } from "./get-analytics-dashboard.ts";
import { readFolded } from "./read-folded.ts";
import { readHourlyTotals } from "./read-hourly-totals.ts";

/**
 * The range's series and gift mix as CSV: two tables, each under its own header line, separated
 * by an empty line. Text fields are quoted where they could break a row or start a formula.
 */
export async function exportAnalyticsCsv(
  { sql, creator: { userId } }: Pick<CreatorContext, "sql" | "creator">,
  query: DashboardQuery,
): Promise<{ filename: string; csv: string; rows: number }> {
  const range = resolveAnalyticsRange(query);
  const { series, giftMix } = await readFolded(sql, (tx, foldedBelow) =>
    readHourlyTotals(tx, userId, foldedBelow, range),
  );
  const lines = [
    "bucket_start,coins,diamonds,gifts,tips,messages",
    ...series.map((point) =>
      [point.at, point.coins, point.diamonds, point.gifts, point.tips, point.messages].join(","),
    ),
    "",
    "gift_id,count,coins,diamonds",
    ...giftMix.map((gift) =>
      [csvField(gift.giftId), gift.count, gift.coins, gift.diamonds].join(","),
    ),
  ];
  const day = (at: Date) => at.toISOString().slice(0, 10);
  return {
    filename: `coinstream-analytics-${day(range.from)}-${day(range.to)}-${range.bucket}.csv`,
    csv: `${lines.join("\n")}\n`,
    rows: series.length + giftMix.length,
  };
}
