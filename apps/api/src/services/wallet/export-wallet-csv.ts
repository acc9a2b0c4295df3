import type { ViewerContext } from "../service-context.ts";
import { listWalletHistory } from "./list-wallet-history.ts";

const MAX_ROWS = 10_000;

export function csvField(value: string): string {
  // A spreadsheet evaluates a cell starting with = + - @ (or a tab / CR) even when quoted, so such
  // text gets a leading apostrophe (OWASP's advice); then quote what could break a row.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The person's whole wallet history (up to 10,000 rows) as CSV, newest first. */
export async function exportWalletCsv(ctx: Pick<ViewerContext, "sql" | "viewer">): Promise<{
  filename: string;
  csv: string;
  rows: number;
}> {
  const lines = ["date,kind,coins,transfer_id,details"];
  let cursor: string | null = null;
  let rows = 0;
  do {
    const page = await listWalletHistory(ctx, { cursor, limit: 500 });
    for (const item of page.items) {
      const details = [item.metadata.handle, item.metadata.giftId, item.metadata.message]
        .filter((part) => typeof part === "string" && part !== "")
        .join(" ");
      lines.push([item.at, item.code, String(item.coins), item.id, csvField(details)].join(","));
      rows++;
    }
    cursor = page.nextCursor;
  } while (cursor !== null && rows < MAX_ROWS);
  return {
    filename: `coinstream-wallet-${new Date().toISOString().slice(0, 10)}.csv`,
    csv: `${lines.join("\n")}\n`,
    rows,
  };
}
