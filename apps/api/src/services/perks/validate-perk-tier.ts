import {
  assertIntegerInRange,
  DomainError,
  DomainErrorCode,
  normalizeText,
} from "@coinstream/core";

/** Active tiers a creator may have at once. */
export const MAX_ACTIVE_TIERS = 10;
/** A cap far past any real supporter total, so thresholds stay safe integers. */
export const MAX_TIER_COINS = 1_000_000_000_000;

export interface PerkTierInput {
  readonly name: string;
  readonly minCoins: number;
  readonly badge?: string | null | undefined;
  readonly perkText?: string | null | undefined;
  readonly perkUrl?: string | null | undefined;
}

export interface PerkTier {
  readonly name: string;
  readonly minCoins: number;
  readonly badge: string | null;
  readonly perkText: string | null;
  readonly perkUrl: string | null;
}

/** Empty or blank optional text means "none". */
function optional(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === "" ? null : value;
}

/**
 * Checks a supporter tier and returns it as stored: a name of 1 to 40 characters, a whole
 * threshold of at least 1 coin, an optional badge of at most 8 characters (a word or emoji),
 * optional perk text of at most 500 characters and an optional https link of at most 500.
 *
 * @throws DomainError `INVALID_INPUT` naming what to change.
 */
export function validatePerkTier(input: PerkTierInput): PerkTier {
  const name = normalizeText(input.name, {
    what: "A tier name",
    maxLength: 40,
    allowLineBreaks: false,
  });
  const minCoins = assertIntegerInRange(
    input.minCoins,
    1,
    MAX_TIER_COINS,
    "A tier's coin threshold",
  );
  const badge = optional(input.badge);
  const perkText = optional(input.perkText);
  const perkUrl = optional(input.perkUrl);
  return {
    name,
    minCoins,
    badge: badge && normalizeText(badge, { what: "A badge", maxLength: 8, allowLineBreaks: false }),
    perkText:
      perkText &&
      normalizeText(perkText, { what: "Perk text", maxLength: 500, allowLineBreaks: true }),
    perkUrl: perkUrl && normalizePerkUrl(perkUrl),
  };
}

function normalizePerkUrl(raw: string): string {
  const text = raw.trim();
  const refuse = (why: string) =>
    new DomainError(DomainErrorCode.INVALID_INPUT, `A perk link ${why}.`, { perkUrl: text });
  if (text.length > 500) throw refuse("can be at most 500 characters");
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw refuse("must be a full https:// address");
  }
  if (url.protocol !== "https:") throw refuse("must start with https://");
  if (url.username || url.password) throw refuse("cannot contain a user name or password");
  if (!url.hostname.includes(".")) throw refuse("needs a public host name");
  if (url.href.length > 500) throw refuse("can be at most 500 characters");
  return url.href;
}
