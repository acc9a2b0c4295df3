export { authAccounts, authSchema, sessions, users, verifications } from "./auth.ts";
export { creatorChannels, creators } from "./creators.ts";
export { guardianLinks, notifications } from "./guardians.ts";
export { ledgerAccountSlots, ledgerAccounts } from "./ledger-accounts.ts";
export { ledgerFailedTransfers, ledgerTransfers } from "./ledger-transfers.ts";
export { paymentEvents, purchases, walletDebts } from "./purchases.ts";
export { spendingLimits } from "./spending-limits.ts";
export { streamEvents } from "./stream-events.ts";
export { payoutMethods, withdrawals } from "./withdrawals.ts";
