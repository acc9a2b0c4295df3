import type { Asset } from "./types.ts";

/** What an account is for; with the owner and asset it identifies the account. */
export type AccountPurpose =
  | "viewer_wallet"
  | "creator_held"
  | "creator_available"
  | "platform_coin_issuance"
  | "platform_coin_revenue"
  | "platform_diamond_issuance"
  | "platform_payout_clearing";

export interface AccountRules {
  readonly asset: Asset;
  /** A user account: the database refuses to let debits pass credits. */
  readonly debitsMustNotExceedCredits: boolean;
  /**
   * Many writers at once (a creator live, the platform): unchecked changes go to per-writer
   * slots instead of queueing on the account row.
   */
  readonly hot: boolean;
}

export const ACCOUNT_PURPOSES: Readonly<Record<AccountPurpose, AccountRules>> = {
  viewer_wallet: { asset: "COIN", debitsMustNotExceedCredits: true, hot: false },
  creator_held: { asset: "DIAMOND", debitsMustNotExceedCredits: true, hot: true },
  creator_available: { asset: "DIAMOND", debitsMustNotExceedCredits: true, hot: false },
  platform_coin_issuance: { asset: "COIN", debitsMustNotExceedCredits: false, hot: true },
  platform_coin_revenue: { asset: "COIN", debitsMustNotExceedCredits: false, hot: true },
  platform_diamond_issuance: { asset: "DIAMOND", debitsMustNotExceedCredits: false, hot: true },
  platform_payout_clearing: { asset: "DIAMOND", debitsMustNotExceedCredits: false, hot: true },
};

/** The owner id of the platform's own accounts. */
export const PLATFORM_OWNER = "platform";
