/**
 * @coinstream/db will hold the Drizzle schema, generated migrations and the double-entry ledger
 * engine on Postgres (see ARCHITECTURE.md). Until then it only re-exports the asset names the
 * ledger is built around, so the package is a real workspace member that type-checks.
 */
export const LEDGER_ASSETS = ["COIN", "DIAMOND"] as const;
export type LedgerAsset = (typeof LEDGER_ASSETS)[number];
