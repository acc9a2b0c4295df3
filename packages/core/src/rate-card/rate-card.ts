import type { CurrencyCode } from "../money/currencies.ts";

/**
 * The rate card: every number the economy runs on, in one versioned object. A computation that
 * moves value records `rateCard.version`, so history never changes when rates do; a new rate
 * card is a new version, never an edit of an old one.
 */
export interface RateCard {
  /** Stable identifier stored with every transfer priced from this card, e.g. "2026-11-01". */
  readonly version: string;
  /** Coin packs per currency, each list priced in its own currency (never converted). */
  readonly priceLists: Readonly<Record<CurrencyCode, PriceList>>;
  /** Region rules keyed by ISO 3166-1 alpha-2 code; unknown regions use `defaultRegion`. */
  readonly regions: Readonly<Record<string, RegionRules>>;
  readonly defaultRegion: RegionRules;
  /** Any whole number of coins in this range can be bought outside the packs. */
  readonly customAmount: { readonly minCoins: number; readonly maxCoins: number };
  /** Extra coins on a buyer's first purchase, in basis points of the coins bought. */
  readonly firstPurchaseBonusBps: number;
  readonly gifts: readonly GiftDefinition[];
  readonly giftCount: { readonly min: number; readonly max: number };
  readonly tip: {
    readonly minCoins: number;
    readonly maxCoins: number;
    readonly maxMessageLength: number;
  };
  /** Same gift, same viewer, same stream within this many milliseconds continues a combo. */
  readonly comboWindowMs: number;
  /** Creator share of a gift's coins, in basis points, by creator tier. */
  readonly creatorShareBps: Readonly<Record<CreatorTier, number>>;
  readonly payout: PayoutRules;
  readonly eligibility: EligibilityRules;
  readonly platformLimits: PlatformLimits;
  readonly levels: LevelRules;
  readonly boost: BoostRules;
  /** Paid messages to a creator's inbox: the creator sets a price within these bounds. */
  readonly messages: MessageRules;
  /** Profile cosmetics bought with coins, shown next to a viewer's gifts and on leaderboards. */
  readonly cosmetics: readonly CosmeticDefinition[];
  /** Coin goals a creator sets for a live session. */
  readonly goals: { readonly minCoins: number; readonly maxCoins: number };
}

export interface MessageRules {
  readonly minPriceCoins: number;
  readonly maxPriceCoins: number;
  readonly defaultPriceCoins: number;
  readonly maxLength: number;
  readonly maxReplyLength: number;
}

/** Worn in a slot (frame, colour, entrance) or, for stickers, owned and sent with tips. */
export type CosmeticKind = "badge_frame" | "name_color" | "entrance" | "sticker";

export interface CosmeticDefinition {
  /** Stable id, e.g. "frame-gold" or "color-aqua". */
  readonly id: string;
  readonly kind: CosmeticKind;
  readonly name: string;
  readonly coins: number;
  /**
   * What clients draw: a CSS colour for names, a frame style name for badge frames, an
   * animation name for entrances (e.g. "sparkle"), the sticker's text (an emoji) for stickers.
   */
  readonly style: string;
}

export interface CoinPack {
  /** Stable id used by checkout, e.g. "coins-500". */
  readonly id: string;
  readonly coins: number;
  readonly priceMinor: number;
}

export interface PriceList {
  readonly currency: CurrencyCode;
  /** Sorted by coins ascending. */
  readonly packs: readonly CoinPack[];
}

export interface RegionRules {
  readonly currency: CurrencyCode;
  /** Minimum age to buy, gift or receive without a guardian. */
  readonly minAge: number;
  /**
   * Where a region lets minors take part at all, the youngest age that may buy or gift under a
   * linked guardian. Absent: minors may not take part.
   */
  readonly minAgeWithGuardian?: number;
  /**
   * Where a region's law sets a higher age to hold an account at all; absent: 13, the floor
   * everywhere (see `checkSignUpAge`).
   */
  readonly minSignUpAge?: number;
}

export type GiftTier = "basic" | "premium" | "deluxe" | "legendary";
export type GiftAnimation = "float" | "burst" | "banner" | "fullscreen";

export interface GiftDefinition {
  readonly id: string;
  readonly name: string;
  readonly coins: number;
  readonly tier: GiftTier;
  readonly animation: GiftAnimation;
}

export type CreatorTier = "standard" | "partner";

export type PayoutMethod = "bank" | "paypal" | "stripe";

export interface PayoutFee {
  readonly fixedUsdMinor: number;
  readonly bps: number;
}

export interface PayoutRules {
  /** Cash value of one diamond at withdrawal, in US cents. */
  readonly usdMinorPerDiamond: number;
  readonly minWithdrawalDiamonds: number;
  /** Most a creator can withdraw in one rolling day, in US cents. */
  readonly dailyMaxUsdMinor: number;
  /** New diamonds are held this long before they can be withdrawn (chargeback buffer). */
  readonly holdDays: number;
  readonly fees: Readonly<Record<PayoutMethod, PayoutFee>>;
}

export interface EligibilityRules {
  /** Followers a linked, verified channel needs before its creator can receive gifts. */
  readonly minFollowersToReceive: number;
  readonly minAccountAgeDaysToWithdraw: number;
}

export interface PlatformLimits {
  /** Coins a viewer may spend in a rolling day, whatever their own limits say. */
  readonly dailyCoins: number;
  /** The lower daily cap while the account is younger than `newAccountHours`. */
  readonly newAccountDailyCoins: number;
  readonly newAccountHours: number;
  /** Spends (gifts, tips, boosts...) a viewer may make in a rolling minute. */
  readonly spendsPerMinute: number;
}

export interface LevelRules {
  readonly maxLevel: number;
  /** Lifetime coins gifted to reach level 2; each later level needs `growthPercent`% more. */
  readonly firstThresholdCoins: number;
  readonly growthPercent: number;
}

export interface BoostRules {
  readonly coinsPerMinute: number;
  readonly minMinutes: number;
  readonly maxMinutes: number;
  /** Discovery score added while a boost is active. */
  readonly scoreBonus: number;
  /** Gifts count towards the discovery score for this long, fading linearly. */
  readonly giftWindowMinutes: number;
}
