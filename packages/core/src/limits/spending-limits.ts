/**
 * The shapes spending limits are stated in. A viewer and, for a minor, their guardian each keep
 * a `CapSet`; the platform's own caps come from the rate card (`platformLimits`).
 */

/** Who set a limit: the viewer, their guardian, or the platform (through the rate card). */
export type LimitSetter = "viewer" | "guardian" | "platform";

/** The people who can change limits; the platform's limits change only with a new rate card. */
export type LimitActor = Exclude<LimitSetter, "platform">;

/** One past spend: coins that left the viewer's wallet (a gift, tip, boost or message), and when. */
export interface SpendRecord {
  readonly coins: number;
  readonly at: Date;
}

/**
 * The limits one person (the viewer, or their guardian) sets. A cap that is `null` or absent is
 * not set; `0` is a real cap that blocks all spending in its period. Periods are rolling: a day
 * is the last 24 hours, a week the last 7 x 24 hours, a month the last 30 x 24 hours.
 */
export interface CapSet {
  /** Most coins spent in any rolling 24 hours. */
  readonly dailyCoins?: number | null;
  /** Most coins spent in any rolling 7 days. */
  readonly weeklyCoins?: number | null;
  /** Most coins spent in any rolling 30 days. */
  readonly monthlyCoins?: number | null;
  /** Most coins in a single spend. */
  readonly perSpendCoins?: number | null;
  /** A spend of this many coins or more asks the viewer to confirm it first. */
  readonly confirmFromCoins?: number | null;
  /** No spending before this instant (a cooling-off lock); a past instant has no effect. */
  readonly coolingOffUntil?: Date | null;
}

/** The coin-valued settings of a `CapSet`: everything but the cooling-off lock. */
export type CapField =
  | "dailyCoins"
  | "weeklyCoins"
  | "monthlyCoins"
  | "perSpendCoins"
  | "confirmFromCoins";

/** Every `CapField`, in a stable order. */
export const CAP_FIELDS: readonly CapField[] = [
  "dailyCoins",
  "weeklyCoins",
  "monthlyCoins",
  "perSpendCoins",
  "confirmFromCoins",
];

/** Everything `checkSpend` needs to know about a viewer besides their spending history. */
export interface SpendingLimits {
  readonly viewer?: CapSet;
  readonly guardian?: CapSet;
  /** New accounts get the rate card's lower daily cap for their first `newAccountHours`. */
  readonly accountCreatedAt: Date;
}

/**
 * A loosening of the viewer's own limits (a cap raised or removed) waiting out its delay; it
 * takes effect at `effectiveAt`. `coins: null` removes the cap.
 */
export interface PendingLimitChange {
  readonly field: CapField;
  readonly coins: number | null;
  readonly requestedAt: Date;
  readonly effectiveAt: Date;
}

/** The limits as stored: both people's sets, plus the viewer's loosenings still pending. */
export interface LimitSettings {
  readonly viewer?: CapSet;
  readonly guardian?: CapSet;
  readonly pending?: readonly PendingLimitChange[];
}
