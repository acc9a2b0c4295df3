export { ledgerAccountSlots, ledgerAccounts } from "./ledger-accounts.ts";
export { ledgerFailedTransfers, ledgerTransfers } from "./ledger-transfers.ts";
