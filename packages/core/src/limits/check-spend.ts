import { groupThousands } from "../money/currencies.ts";
import { multiplyChecked } from "../money/integers.ts";
import { RATE_CARD } from "../rate-card/current.ts";
import type { RateCard } from "../rate-card/rate-card.ts";
import { formatCount } from "../text/format-count.ts";
import { HOUR_MS } from "../time.ts";
import {
  assertCapSet,
  assertSpendAmount,
  assertSpendHistory,
  assertValidDate,
} from "./assert-limit-inputs.ts";
import {
  addMilliseconds,
  countSpendsInWindow,
  findRollOutTime,
  SPEND_WINDOW_MS,
  sumCoinsInWindow,
} from "./rolling-windows.ts";
import type {
  CapField,
  CapSet,
  LimitSetter,
  SpendingLimits,
  SpendRecord,
} from "./spending-limits.ts";

/** Why a spend is refused, in the order the checks run. */
export type SpendDenialReason =
  | "COOLING_OFF"
  | "PER_SPEND_CAP"
  | "VELOCITY"
  | "DAILY_CAP"
  | "WEEKLY_CAP"
  | "MONTHLY_CAP";

/**
 * Coins left under each effective cap; `null` where no cap is set. The daily figure is always a
 * number because the platform caps every day. `perSpendCoins` is the largest single spend the
 * per-spend cap allows.
 */
export interface RemainingCoins {
  readonly dailyCoins: number;
  readonly weeklyCoins: number | null;
  readonly monthlyCoins: number | null;
  readonly perSpendCoins: number | null;
}

/** The spend fits every limit; `remaining` is what is left after it. */
export interface SpendAllowed {
  readonly allowed: true;
  /** The amount reaches the lowest confirmation threshold the viewer or guardian set. */
  readonly needsConfirmation: boolean;
  readonly remaining: RemainingCoins;
}

/** The spend is refused; `remaining` is what is left now, before it. */
export interface SpendDenied {
  readonly allowed: false;
  /** The first failing check, in the order cooling-off, per-spend, velocity, day, week, month. */
  readonly reason: SpendDenialReason;
  /** Who set the limit that refused it (the lowest one; on a tie, the one hardest to lift). */
  readonly setBy: LimitSetter;
  /** Which limit refused, what is left and when the viewer can spend again, for a person. */
  readonly message: string;
  readonly remaining: RemainingCoins;
  /**
   * The earliest instant at which this same amount would pass every check if nothing else were
   * spent, or `null` when no wait is long enough (the amount is above a cap itself).
   */
  readonly retryAt: Date | null;
}

/** The outcome of `checkSpend`, discriminated on `allowed`. */
export type SpendCheck = SpendAllowed | SpendDenied;

interface Cap {
  readonly coins: number;
  readonly setBy: LimitSetter;
  /** Set when this is the platform's lower cap for accounts younger than this many hours. */
  readonly newAccountHours?: number;
}

interface Failure {
  readonly reason: SpendDenialReason;
  readonly setBy: LimitSetter;
  /** When this check alone would pass; `null` when it never will. */
  readonly retryAt: Date | null;
  /** What refused the spend, as a sentence. */
  readonly explanation: string;
  /** What the viewer can do instead, for when `retryAt` is `null`. */
  readonly neverFits: string;
}

interface Period {
  readonly reason: "DAILY_CAP" | "WEEKLY_CAP" | "MONTHLY_CAP";
  readonly windowMs: number;
  readonly label: string;
}

const DAY: Period = {
  reason: "DAILY_CAP",
  windowMs: SPEND_WINDOW_MS.day,
  label: "24 hours",
};
const WEEK: Period = {
  reason: "WEEKLY_CAP",
  windowMs: SPEND_WINDOW_MS.week,
  label: "7 days",
};
const MONTH: Period = {
  reason: "MONTHLY_CAP",
  windowMs: SPEND_WINDOW_MS.month,
  label: "30 days",
};

const byCoins = (spend: SpendRecord): number => spend.coins;
const bySpend = (): number => 1;

function capOf(caps: CapSet | undefined, field: CapField, setBy: LimitSetter): Cap | null {
  const coins = caps?.[field];
  return coins === undefined || coins === null ? null : { coins, setBy };
}

/** The lowest cap; on a tie the earlier one, so callers list the hardest to lift first. */
function lowestCap(caps: readonly (Cap | null)[]): Cap | null {
  let lowest: Cap | null = null;
  for (const cap of caps) {
    if (cap !== null && (lowest === null || cap.coins < lowest.coins)) lowest = cap;
  }
  return lowest;
}

function lowestUserCap(limits: SpendingLimits, field: CapField): Cap | null {
  return lowestCap([
    capOf(limits.guardian, field, "guardian"),
    capOf(limits.viewer, field, "viewer"),
  ]);
}

function laterDate(a: Date | null, b: Date | null): Date | null {
  if (a === null) return b;
  if (b === null) return a;
  return b.getTime() > a.getTime() ? b : a;
}

function describeSetter(setBy: LimitSetter): string {
  if (setBy === "viewer") return "set by you";
  if (setBy === "guardian") return "set by your guardian";
  return "set by Coinstream";
}

function checkCoolingOff(limits: SpendingLimits, now: Date): Failure | null {
  const guardianUntil = limits.guardian?.coolingOffUntil ?? null;
  const viewerUntil = limits.viewer?.coolingOffUntil ?? null;
  const until = laterDate(guardianUntil, viewerUntil);
  // The lock ends at `until`: a spend at that very instant is free of it.
  if (until === null || until.getTime() <= now.getTime()) return null;
  const setBy: LimitSetter = until === guardianUntil ? "guardian" : "viewer";
  const who = setBy === "guardian" ? "Your guardian" : "You";
  return {
    reason: "COOLING_OFF",
    setBy,
    retryAt: until,
    explanation: `${who} paused your spending until ${until.toISOString()}.`,
    neverFits: "", // unused: a lock always ends
  };
}

function checkPerSpend(cap: Cap | null, amount: number): Failure | null {
  if (cap === null || amount <= cap.coins) return null;
  return {
    reason: "PER_SPEND_CAP",
    setBy: cap.setBy,
    retryAt: null,
    explanation: `A single spend can be at most ${formatCount(cap.coins, "coin")} (${describeSetter(cap.setBy)}), and this one is ${formatCount(amount, "coin")}.`,
    neverFits:
      cap.coins === 0
        ? "This limit blocks all spending until it is raised."
        : `Spend ${formatCount(cap.coins, "coin")} or fewer at a time.`,
  };
}

function checkVelocity(
  history: readonly SpendRecord[],
  now: Date,
  spendsPerMinute: number,
): Failure | null {
  const count = countSpendsInWindow(history, now, SPEND_WINDOW_MS.minute);
  if (count < spendsPerMinute) return null;
  return {
    reason: "VELOCITY",
    setBy: "platform",
    retryAt: findRollOutTime(history, now, SPEND_WINDOW_MS.minute, spendsPerMinute, 1, bySpend),
    explanation: `You can make at most ${formatCount(spendsPerMinute, "spend")} a minute, and you have made ${count} in the last minute.`,
    neverFits: "Spending is paused on Coinstream for now.",
  };
}

/**
 * The cap check for one rolling period. `later` is a cap that replaces `cap` from a known
 * instant (the platform's new-account cap ending), so `retryAt` can land on that instant.
 */
function checkPeriod(
  history: readonly SpendRecord[],
  now: Date,
  amount: number,
  period: Period,
  cap: Cap | null,
  spentCoins: number,
  later: { readonly from: Date; readonly cap: Cap } | null,
): Failure | null {
  // Compared as a difference so that a huge amount is refused rather than overflowing.
  if (cap === null || amount <= cap.coins - spentCoins) return null;
  const soonest = findRollOutTime(history, now, period.windowMs, cap.coins, amount, byCoins);
  let retryAt = soonest;
  if (later !== null && (soonest === null || soonest.getTime() >= later.from.getTime())) {
    // Past `later.from` only the later cap applies, so the first chance is then or afterwards.
    const underLater = findRollOutTime(
      history,
      now,
      period.windowMs,
      later.cap.coins,
      amount,
      byCoins,
    );
    retryAt = underLater === null ? null : laterDate(underLater, later.from);
  }
  const left = Math.max(0, cap.coins - spentCoins);
  const limit =
    cap.newAccountHours === undefined
      ? `Your limit of ${formatCount(cap.coins, "coin")} per ${period.label} (${describeSetter(cap.setBy)})`
      : `The limit for an account's first ${cap.newAccountHours} hours, ${formatCount(cap.coins, "coin")} per ${period.label},`;
  return {
    reason: period.reason,
    setBy: cap.setBy,
    retryAt,
    explanation: `${limit} has ${formatCount(left, "coin")} left, so this ${groupThousands(amount)}-coin spend does not fit.`,
    neverFits:
      cap.coins === 0
        ? "This limit blocks all spending until it is raised."
        : `This spend is larger than the whole limit; spend at most ${formatCount(cap.coins, "coin")}.`,
  };
}

/** When every failing check would pass at once, or `null` if one of them never will. */
function findRetryAt(failures: readonly Failure[]): Date | null {
  let retryAt: Date | null = null;
  for (const failure of failures) {
    if (failure.retryAt === null) return null;
    retryAt = laterDate(retryAt, failure.retryAt);
  }
  return retryAt;
}

function describeDenial(
  failures: readonly Failure[],
  retryAt: Date | null,
  amount: number,
): string {
  const [first] = failures;
  const never = failures.find((f) => f.retryAt === null);
  const next =
    retryAt !== null
      ? `You can spend ${formatCount(amount, "coin")} again from ${retryAt.toISOString()}.`
      : (never?.neverFits ?? "");
  return `${first?.explanation ?? ""} ${next}`.trim();
}

/**
 * Decides whether a viewer may spend `amount` coins at `now`, given their past spends
 * (`history`, any order) and the limits they, their guardian and the platform set. Checks run
 * in the order cooling-off, per-spend cap, velocity, daily, weekly and monthly cap; the first
 * failure is reported, and `retryAt` accounts for all of them. Every period is rolling: a spend
 * at `at` counts while `at > now - window`, and spends dated after `now` count too.
 *
 * The effective cap for a period is the lowest of the viewer's, the guardian's and (for the
 * day) the platform's, which is the lower of `newAccountDailyCoins` and `dailyCoins` while the account is younger than
 * `newAccountHours`. Throws `INVALID_INPUT` for a non-positive or fractional amount, a bad
 * date, or a negative or fractional cap or past spend.
 */
export function checkSpend(
  history: readonly SpendRecord[],
  limits: SpendingLimits,
  amount: number,
  now: Date,
  rateCard: RateCard = RATE_CARD,
): SpendCheck {
  assertSpendHistory(history);
  assertCapSet(limits.viewer, "viewer's");
  assertCapSet(limits.guardian, "guardian's");
  assertValidDate(limits.accountCreatedAt, "The account's creation date");
  assertSpendAmount(amount);
  assertValidDate(now, "The time of the spend");

  const platform = rateCard.platformLimits;
  const matureAt = addMilliseconds(
    limits.accountCreatedAt,
    multiplyChecked(platform.newAccountHours, HOUR_MS),
  );
  const isNewAccount = now.getTime() < matureAt.getTime();
  const platformDaily: Cap = isNewAccount
    ? {
        // "Lower" by definition, even if a card were to set it above the normal cap.
        coins: Math.min(platform.newAccountDailyCoins, platform.dailyCoins),
        setBy: "platform",
        newAccountHours: platform.newAccountHours,
      }
    : { coins: platform.dailyCoins, setBy: "platform" };
  // Ties go to the platform, then the guardian: those are the caps the viewer cannot lift.
  const dailyCap = lowestCap([platformDaily, lowestUserCap(limits, "dailyCoins")]) ?? platformDaily;
  const weeklyCap = lowestUserCap(limits, "weeklyCoins");
  const monthlyCap = lowestUserCap(limits, "monthlyCoins");
  const perSpendCap = lowestUserCap(limits, "perSpendCoins");
  const dailyLater = isNewAccount
    ? {
        from: matureAt,
        cap:
          lowestCap([
            { coins: platform.dailyCoins, setBy: "platform" },
            lowestUserCap(limits, "dailyCoins"),
          ]) ?? platformDaily,
      }
    : null;

  const spentDaily = sumCoinsInWindow(history, now, DAY.windowMs);
  const spentWeekly = weeklyCap === null ? 0 : sumCoinsInWindow(history, now, WEEK.windowMs);
  const spentMonthly = monthlyCap === null ? 0 : sumCoinsInWindow(history, now, MONTH.windowMs);

  const failures = [
    checkCoolingOff(limits, now),
    checkPerSpend(perSpendCap, amount),
    checkVelocity(history, now, platform.spendsPerMinute),
    checkPeriod(history, now, amount, DAY, dailyCap, spentDaily, dailyLater),
    checkPeriod(history, now, amount, WEEK, weeklyCap, spentWeekly, null),
    checkPeriod(history, now, amount, MONTH, monthlyCap, spentMonthly, null),
  ].filter((failure): failure is Failure => failure !== null);

  const [first] = failures;
  if (first === undefined) {
    const confirmAt = lowestUserCap(limits, "confirmFromCoins");
    return {
      allowed: true,
      needsConfirmation: confirmAt !== null && amount >= confirmAt.coins,
      remaining: {
        dailyCoins: dailyCap.coins - spentDaily - amount,
        weeklyCoins: weeklyCap === null ? null : weeklyCap.coins - spentWeekly - amount,
        monthlyCoins: monthlyCap === null ? null : monthlyCap.coins - spentMonthly - amount,
        perSpendCoins: perSpendCap?.coins ?? null,
      },
    };
  }

  const retryAt = findRetryAt(failures);
  return {
    allowed: false,
    reason: first.reason,
    setBy: first.setBy,
    message: describeDenial(failures, retryAt, amount),
    remaining: {
      // A cap lowered below what is already spent leaves nothing, not a debt.
      dailyCoins: Math.max(0, dailyCap.coins - spentDaily),
      weeklyCoins: weeklyCap === null ? null : Math.max(0, weeklyCap.coins - spentWeekly),
      monthlyCoins: monthlyCap === null ? null : Math.max(0, monthlyCap.coins - spentMonthly),
      perSpendCoins: perSpendCap?.coins ?? null,
    },
    retryAt,
  };
}
