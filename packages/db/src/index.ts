/**
 * @coinstream/db: the Postgres layer. `openDatabase` gives a migrated database (embedded
 * PostgreSQL by default, any server by URL); `createLedger` the double-entry coin & diamond
 * ledger on it; `checkLedger` proves its invariants.
 */
export {
  connect,
  type Database,
  ensureDatabase,
  type OpenDatabaseOptions,
  openDatabase,
  poolOptions,
  reconnectDelaySeconds,
  runMigrations,
  type Sql,
  type Tx,
} from "./client.ts";
export {
  EmbeddedServerError,
  runnablePostgres,
  type SystemUser,
  startEmbeddedServer,
} from "./embedded-server.ts";
export {
  ACCOUNT_PURPOSES,
  type AccountPurpose,
  type AccountRules,
  PLATFORM_OWNER,
} from "./ledger/account-purposes.ts";
export {
  type AccountBalance,
  type AccountRef,
  accountId,
  ensureAccounts,
  getBalances,
} from "./ledger/accounts.ts";
export { checkLedger, type LedgerViolation } from "./ledger/check-ledger.ts";
export { type HistoryPage, type HistoryQuery, listAccountTransfers } from "./ledger/history.ts";
export { accountIdFor, transferIdFor } from "./ledger/ids.ts";
export { createLedger, type Ledger, type LedgerOptions } from "./ledger/ledger.ts";
export type {
  CreatorSpendState,
  GuardianLinkFacts,
  MessageSpendState,
  PersonSpendState,
  SpendDecision,
  SpendEvent,
  SpendFacts,
  SpendOutcome,
  SpendRequest,
  SpendRow,
} from "./ledger/spend-types.ts";
export type {
  AccountTotals,
  Asset,
  StoredTransfer,
  TransferCode,
  TransferPhase,
  TransferRequest,
  TransferResult,
  TransferResultCode,
} from "./ledger/types.ts";
export * as schema from "./schema/index.ts";
export type { SqlRow } from "./sql-row.ts";
