/**
 * @coinstream/core: the rulebook of Coinstream's coin economy.
 *
 * Pure TypeScript with no I/O, clock or randomness (pass `now` in), so every rule runs the same
 * in the api, the extension and a test. Amounts are safe integers: coins, diamonds, and money in
 * the currency's minor unit. Malformed input throws `DomainError`; decisions return
 * `{ allowed, reasons }`. Priced results carry the `rateCardVersion` they used.
 *
 * @packageDocumentation
 */

// Boosts and discovery ranking
export { extendBoost } from "./boosts/extend-boost.ts";
export { type BoostPrice, priceBoost } from "./boosts/price-boost.ts";
export { type RankedStream, rankStreams, type StreamToRank } from "./boosts/rank-streams.ts";
export {
  BOOST_REACH_WINDOW_MS,
  findRunningBoost,
  getReachMinute,
  getReachWindowStart,
} from "./boosts/reach-window.ts";
export { type RecentGift, type StreamActivity, scoreStream } from "./boosts/score-stream.ts";
export {
  CARRY_LANES,
  type CarriedSplit,
  formatExactDiamonds,
  splitCarriedGift,
} from "./diamonds/carry-share.ts";
// Diamonds
export { type CreatorShareTerms, getCreatorShareBps } from "./diamonds/creator-share.ts";
export {
  type CreatorEarningsPreview,
  previewCreatorEarnings,
} from "./diamonds/preview-creator-earnings.ts";
export { type GiftSplit, splitGift } from "./diamonds/split-gift.ts";
// Eligibility
export { ageOn } from "./eligibility/age-on.ts";
export {
  assertEligible,
  checkEligibility,
  type EligibilityDecision,
  type EligibilityFacts,
  type EligibilityReason,
  type EligibilityReasonCode,
  type EligibleAction,
} from "./eligibility/check-eligibility.ts";
export {
  checkGuardian,
  type GuardianDecision,
  type GuardianFacts,
  type GuardianReasonCode,
} from "./eligibility/check-guardian.ts";
export {
  checkSignUpAge,
  MIN_SIGN_UP_AGE,
  type SignUpAgeDecision,
} from "./eligibility/check-sign-up-age.ts";
// Errors
export { DomainError, DomainErrorCode, ensure, isDomainError } from "./errors.ts";
// Gifts and tips
export type { ComboStreak } from "./gifts/combo-streak.ts";
export { continueCombo } from "./gifts/continue-combo.ts";
export { findGift } from "./gifts/find-gift.ts";
export { foldCombos } from "./gifts/fold-combos.ts";
export type { GiftEvent } from "./gifts/gift-event.ts";
export { giftIcon } from "./gifts/gift-icon.ts";
export { listGifts } from "./gifts/list-gifts.ts";
export { type GiftPrice, priceGift } from "./gifts/price-gift.ts";
export { type ValidatedTip, validateTip } from "./gifts/validate-tip.ts";
// Gifter levels
export { badgeForLevel, type GifterBadge } from "./levels/badge-for-level.ts";
export { type GifterLevel, levelForCoins } from "./levels/level-for-coins.ts";
export { levelThresholds } from "./levels/level-thresholds.ts";
// Spending limits
export { applyDueLimitChanges } from "./limits/apply-due-limit-changes.ts";
export {
  changeSpendingLimits,
  type LimitChangeRequest,
  type LimitChangeResult,
  VIEWER_LOOSENING_DELAY_MS,
} from "./limits/change-spending-limits.ts";
export {
  checkSpend,
  type RemainingCoins,
  type SpendAllowed,
  type SpendCheck,
  type SpendDenialReason,
  type SpendDenied,
} from "./limits/check-spend.ts";
export { SPEND_WINDOW_MS } from "./limits/rolling-windows.ts";
export {
  CAP_FIELDS,
  type CapField,
  type CapSet,
  type LimitActor,
  type LimitSetter,
  type LimitSettings,
  type PendingLimitChange,
  type SpendingLimits,
  type SpendRecord,
} from "./limits/spending-limits.ts";
export { toLimitExceededError } from "./limits/to-limit-exceeded-error.ts";
// Money
export {
  CURRENCIES,
  type Currency,
  type CurrencyCode,
  formatMoney,
  getCurrency,
  groupThousands,
  isCurrencyCode,
} from "./money/currencies.ts";
export {
  addChecked,
  assertIntegerInRange,
  mulDivCeil,
  mulDivFloor,
  multiplyChecked,
  sumChecked,
  toSafeInteger,
} from "./money/integers.ts";
export { compareRatios, parseDecimalRatio, type Ratio } from "./money/ratio.ts";
// Payouts
export {
  attributeRefundedSpends,
  type RefundedSpend,
  type WalletSpend,
} from "./payouts/attribute-refunded-spends.ts";
export {
  assertWithdrawalAllowed,
  checkWithdrawal,
  type WithdrawalDecision,
  type WithdrawalFacts,
  type WithdrawalRefusal,
} from "./payouts/check-withdrawal.ts";
export {
  flagWithdrawal,
  getSupportWindowStart,
  LARGE_FIRST_WITHDRAWAL_BPS,
  ONE_SUPPORTER_BPS,
  ONE_SUPPORTER_MIN_WITHDRAWAL_BPS,
  type PayoutMethodChange,
  reviewsPayoutMethodChange,
  SUPPORT_WINDOW_DAYS,
  type WithdrawalFlag,
  type WithdrawalFlagCode,
  type WithdrawalFlagFacts,
} from "./payouts/flag-withdrawal.ts";
export {
  CARD_DISPUTE_DAYS,
  type DiamondCredit,
  getCreditReleaseAt,
  getGiftReleaseAt,
  getHoldReleaseAt,
  type HeldSplit,
  NEW_BUYER_DAYS,
  splitHeldDiamonds,
} from "./payouts/hold-period.ts";
export {
  quoteWithdrawal,
  type WithdrawalQuote,
  type WithdrawalQuoteRequest,
} from "./payouts/quote-withdrawal.ts";
export { valueDiamondsUsdMinor } from "./payouts/value-diamonds.ts";
// Pricing
export { describePackValues, type PackValue } from "./pricing/describe-pack-values.ts";
export { type CustomAmountPrice, priceCustomAmount } from "./pricing/price-custom-amount.ts";
export { findPack, getPriceList, getPriceListForRegion } from "./pricing/price-lists.ts";
export {
  type AppliedBonus,
  applyPromotions,
  assertValidPromotion,
  FIRST_PURCHASE_BONUS,
  firstPurchasePromotion,
  isPromotionActive,
  MAX_PROMOTION_BONUS_COINS,
  type Promotion,
  type PromotionContext,
  type PromotionIneligibility,
  type PromotionResult,
  promotionBonusCoins,
  promotionIneligibility,
} from "./pricing/promotions.ts";
export {
  listStoreOffers,
  type PurchaseItem,
  type PurchaseQuote,
  type PurchaseRequest,
  quotePurchase,
  type StoreOffer,
} from "./pricing/quote-purchase.ts";
export {
  type OfferedBonus,
  type SettledBonus,
  type SettlementFacts,
  settlePromotionBonuses,
} from "./pricing/settle-promotion-bonuses.ts";
// Rate card
export { getRateCard, getRegionRules, RATE_CARD, RATE_CARDS } from "./rate-card/current.ts";
export type {
  BoostRules,
  CoinPack,
  CreatorTier,
  EligibilityRules,
  GiftAnimation,
  GiftDefinition,
  GiftTier,
  LevelRules,
  PayoutFee,
  PayoutMethod,
  PayoutRules,
  PlatformLimits,
  PriceList,
  RateCard,
  RegionRules,
} from "./rate-card/rate-card.ts";
export { renderRateCardMarkdown } from "./rate-card/render-rate-card-markdown.ts";
// Community guidelines: reports and strikes
export {
  checkReportRate,
  REPORT_REASONS,
  REPORT_TARGET_KINDS,
  REPORTS_PER_DAY,
  type ReportRateDecision,
  type ReportReason,
  type ReportTargetKind,
} from "./reports/check-report-rate.ts";
// Live sessions
export {
  type GoalProgress,
  getGoalProgress,
  goalPercent,
  type SessionGoal,
} from "./sessions/goal-progress.ts";
export {
  AUTO_SESSION_IDLE_MS,
  getInactiveSessionEnd,
  getSessionIdleLimitMs,
  isPageLiveAt,
  LIVE_REPORT_FRESH_MS,
  type LiveReports,
  MANUAL_SESSION_IDLE_MS,
  type SessionActivity,
  type SessionStart,
} from "./sessions/session-inactivity.ts";
// Stream pages
export { normalizeCreatorHandle } from "./streams/normalize-creator-handle.ts";
export { parseCreatorMetaTag } from "./streams/parse-creator-meta-tag.ts";
export { parseStreamUrl } from "./streams/parse-stream-url.ts";
export type { StreamPlatform, StreamRef } from "./streams/stream-ref.ts";
export {
  decideStanding,
  STRIKE_WINDOW_DAYS,
  STRIKES_TO_SUSPEND,
  type Standing,
  type StrikeFact,
  SUSPENSION_DAYS,
} from "./strikes/decide-standing.ts";
// Support
export {
  compareSupportTickets,
  type QueuedTicket,
  SUPPORT_MESSAGE_RULES,
  SUPPORT_SUBJECT_RULES,
  SUPPORT_TIERS,
  type SupportFacts,
  type SupportTier,
  type SupportTierRule,
  supportTierFor,
} from "./support/support-tier.ts";
export { describeForbiddenCharacter } from "./text/describe-forbidden-character.ts";
export { formatCount } from "./text/format-count.ts";
export {
  DISPLAY_NAME_MAX_LENGTH,
  normalizeDisplayName,
} from "./text/normalize-display-name.ts";
export { normalizeText, type TextRules } from "./text/normalize-text.ts";
