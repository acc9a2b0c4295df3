export { adminAudit, rateCardActivations } from "./admin.ts";
export {
  analyticsProgress,
  creatorDailyGifters,
  creatorHourlyTotals,
  creatorSupporters,
  streamSessions,
} from "./analytics.ts";
export { authAccounts, authSchema, sessions, users, verifications } from "./auth.ts";
export {
  channelAudit,
  creatorChannels,
  creatorShareCarries,
  creators,
  perkTiers,
  perkUnlocks,
} from "./creators.ts";
export { ageChecks, guardianInvites, guardianLinks, notifications } from "./guardians.ts";
export { ledgerAccountSlots, ledgerAccounts } from "./ledger-accounts.ts";
export { ledgerFailedTransfers, ledgerTransfers } from "./ledger-transfers.ts";
export { creatorBlocks, paidMessages } from "./messages.ts";
export { viewerCosmetics, viewerProfiles } from "./profiles.ts";
export { promotions, purchasePromotions } from "./promotions.ts";
export { paymentEvents, purchaseLocks, purchases, walletDebts } from "./purchases.ts";
export { spendingLimits } from "./spending-limits.ts";
export { streamBoosts } from "./stream-boosts.ts";
export { streamEvents } from "./stream-events.ts";
export { boostClicks, boostReachMinutes, creatorLiveSignals, overlaySettings } from "./studio.ts";
export { supportMessages, supportTickets } from "./support.ts";
export { walletGiftedCheckpoints } from "./wallet-totals.ts";
export { payoutMethods, withdrawals } from "./withdrawals.ts";
