import type {
  CoinPack,
  CosmeticDefinition,
  GiftDefinition,
  RateCard,
  RegionRules,
} from "./rate-card.ts";

const PACK_SIZES = [100, 500, 1_000, 2_500, 5_000, 12_500] as const;

/** Builds a price list's packs from prices in minor units, one per size in `PACK_SIZES`. */
function packs(pricesMinor: readonly [number, number, number, number, number, number]): CoinPack[] {
  return PACK_SIZES.map((coins, index) => ({
    id: `coins-${coins}`,
    coins,
    priceMinor: pricesMinor[index] as number,
  }));
}

const COSMETICS: CosmeticDefinition[] = [
  { id: "frame-silver", kind: "badge_frame", name: "Silver frame", coins: 500, style: "silver" },
  { id: "frame-gold", kind: "badge_frame", name: "Gold frame", coins: 2_000, style: "gold" },
  { id: "frame-neon", kind: "badge_frame", name: "Neon frame", coins: 5_000, style: "neon" },
  { id: "color-aqua", kind: "name_color", name: "Aqua name", coins: 300, style: "#2ec4d6" },
  { id: "color-rose", kind: "name_color", name: "Rose name", coins: 300, style: "#f25f8b" },
  { id: "color-gold", kind: "name_color", name: "Gold name", coins: 1_000, style: "#f2b705" },
];

const EURO_REGION: RegionRules = { currency: "EUR", minAge: 18 };

const GIFTS: GiftDefinition[] = [
  { id: "rose", name: "Rose", coins: 1, tier: "basic", animation: "float" },
  { id: "heart", name: "Heart", coins: 5, tier: "basic", animation: "float" },
  { id: "gg", name: "GG", coins: 10, tier: "basic", animation: "float" },
  { id: "ice-cream", name: "Ice Cream", coins: 20, tier: "basic", animation: "float" },
  { id: "doughnut", name: "Doughnut", coins: 30, tier: "basic", animation: "float" },
  { id: "coffee", name: "Coffee", coins: 50, tier: "basic", animation: "float" },
  { id: "rainbow", name: "Rainbow", coins: 100, tier: "premium", animation: "burst" },
  { id: "crown", name: "Crown", coins: 299, tier: "premium", animation: "burst" },
  { id: "concert", name: "Concert", coins: 500, tier: "deluxe", animation: "banner" },
  { id: "fireworks", name: "Fireworks", coins: 1_088, tier: "deluxe", animation: "banner" },
  { id: "unicorn", name: "Unicorn", coins: 2_999, tier: "deluxe", animation: "banner" },
  {
    id: "sports-car",
    name: "Sports Car",
    coins: 7_000,
    tier: "legendary",
    animation: "fullscreen",
  },
  { id: "planet", name: "Planet", coins: 15_000, tier: "legendary", animation: "fullscreen" },
  { id: "lion", name: "Lion", coins: 29_999, tier: "legendary", animation: "fullscreen" },
];

/** The rate card in force from November 2026. */
export const RATE_CARD_2026_11: RateCard = {
  version: "2026-11-01",
  priceLists: {
    USD: { currency: "USD", packs: packs([199, 899, 1_699, 3_999, 7_499, 9_999]) },
    EUR: { currency: "EUR", packs: packs([199, 899, 1_699, 3_899, 7_299, 9_699]) },
    GBP: { currency: "GBP", packs: packs([179, 799, 1_499, 3_499, 6_499, 8_499]) },
    JPY: { currency: "JPY", packs: packs([300, 1_400, 2_700, 6_200, 11_800, 15_800]) },
    INR: { currency: "INR", packs: packs([16_900, 74_900, 144_900, 339_900, 639_900, 849_900]) },
    BRL: { currency: "BRL", packs: packs([1_090, 4_590, 8_690, 20_490, 38_490, 50_990]) },
    KRW: { currency: "KRW", packs: packs([2_500, 12_000, 23_000, 55_000, 105_000, 139_000]) },
  },
  regions: {
    US: { currency: "USD", minAge: 18, minAgeWithGuardian: 16 },
    CA: { currency: "USD", minAge: 18 },
    GB: { currency: "GBP", minAge: 18, minAgeWithGuardian: 16 },
    IE: EURO_REGION,
    DE: EURO_REGION,
    FR: EURO_REGION,
    ES: EURO_REGION,
    IT: EURO_REGION,
    NL: EURO_REGION,
    BE: EURO_REGION,
    AT: EURO_REGION,
    PT: EURO_REGION,
    FI: EURO_REGION,
    JP: { currency: "JPY", minAge: 18 },
    IN: { currency: "INR", minAge: 18 },
    BR: { currency: "BRL", minAge: 18 },
    KR: { currency: "KRW", minAge: 19 },
  },
  defaultRegion: { currency: "USD", minAge: 18 },
  customAmount: { minCoins: 100, maxCoins: 250_000 },
  firstPurchaseBonusBps: 1_000,
  gifts: GIFTS,
  giftCount: { min: 1, max: 999 },
  tip: { minCoins: 1, maxCoins: 1_000_000, maxMessageLength: 200 },
  comboWindowMs: 3_000,
  creatorShareBps: { standard: 5_000, partner: 6_000 },
  payout: {
    usdMinorPerDiamond: 1,
    minWithdrawalDiamonds: 1_000,
    dailyMaxUsdMinor: 100_000,
    holdDays: 7,
    fees: {
      bank: { fixedUsdMinor: 0, bps: 0 },
      paypal: { fixedUsdMinor: 0, bps: 0 },
      stripe: { fixedUsdMinor: 0, bps: 0 },
    },
  },
  eligibility: { minFollowersToReceive: 100, minAccountAgeDaysToWithdraw: 7 },
  platformLimits: {
    dailyCoins: 50_000,
    newAccountDailyCoins: 10_000,
    newAccountHours: 24,
    spendsPerMinute: 120,
  },
  levels: { maxLevel: 50, firstThresholdCoins: 10, growthPercent: 35 },
  boost: {
    coinsPerMinute: 100,
    minMinutes: 5,
    maxMinutes: 240,
    scoreBonus: 10_000,
    giftWindowMinutes: 15,
  },
  messages: {
    minPriceCoins: 10,
    maxPriceCoins: 10_000,
    defaultPriceCoins: 100,
    maxLength: 500,
    maxReplyLength: 500,
  },
  cosmetics: COSMETICS,
  goals: { minCoins: 100, maxCoins: 10_000_000 },
};
