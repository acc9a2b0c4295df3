import { assertIntegerInRange } from "../money/integers.ts";
import type { TextRules } from "../text/normalize-text.ts";

export type SupportTier = "standard" | "priority" | "vip";

export interface SupportTierRule {
  readonly tier: SupportTier;
  /** Higher is answered first. */
  readonly priority: number;
  /** Reached at this gifter level or above... */
  readonly minLevel: number;
  /** ...or at this many coins spent in total (gifts, tips, boosts, unlocks, cosmetics). */
  readonly minLifetimeCoinsSpent: number;
  /** What the popup promises: an answer within this many hours. */
  readonly expectedAnswerHours: number;
}

/** Highest first: a person gets the first tier they reach by either measure. */
export const SUPPORT_TIERS: readonly SupportTierRule[] = [
  {
    tier: "vip",
    priority: 2,
    minLevel: 30,
    minLifetimeCoinsSpent: 100_000,
    expectedAnswerHours: 4,
  },
  {
    tier: "priority",
    priority: 1,
    minLevel: 20,
    minLifetimeCoinsSpent: 10_000,
    expectedAnswerHours: 24,
  },
  { tier: "standard", priority: 0, minLevel: 1, minLifetimeCoinsSpent: 0, expectedAnswerHours: 72 },
];

export interface SupportFacts {
  /** Gifter level, 1 to 50 (`levelForCoins`). */
  readonly level: number;
  readonly lifetimeCoinsSpent: number;
}

/**
 * The support tier a person's tickets get (seed: "users with a certain number of Coins may
 * receive priority customer support"): by gifter level or lifetime coins spent, whichever is
 * higher.
 *
 * @throws DomainError `INVALID_INPUT` unless both facts are non-negative whole numbers.
 */
export function supportTierFor(facts: SupportFacts): SupportTierRule {
  assertIntegerInRange(facts.level, 1, 1_000, "Gifter level");
  assertIntegerInRange(
    facts.lifetimeCoinsSpent,
    0,
    Number.MAX_SAFE_INTEGER,
    "Lifetime coins spent",
  );
  const rule = SUPPORT_TIERS.find(
    (candidate) =>
      facts.level >= candidate.minLevel ||
      facts.lifetimeCoinsSpent >= candidate.minLifetimeCoinsSpent,
  );
  // The last tier asks for nothing, so one always matches.
  return rule ?? (SUPPORT_TIERS[SUPPORT_TIERS.length - 1] as SupportTierRule);
}

/** A ticket as the admin queue orders it. */
export interface QueuedTicket {
  readonly priority: number;
  readonly openedAt: Date;
  readonly id: string;
}

/** The admin queue's order: higher priority first, then the oldest, then by id (stable). */
export function compareSupportTickets(a: QueuedTicket, b: QueuedTicket): number {
  return (
    b.priority - a.priority ||
    a.openedAt.getTime() - b.openedAt.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** A ticket's subject: one line, short enough for a queue row. */
export const SUPPORT_SUBJECT_RULES: TextRules = {
  what: "A subject",
  maxLength: 120,
  allowLineBreaks: false,
};

/** A ticket's first message and every reply: plain text, line breaks allowed. */
export const SUPPORT_MESSAGE_RULES: TextRules = {
  what: "A message",
  maxLength: 4_000,
  allowLineBreaks: true,
};
