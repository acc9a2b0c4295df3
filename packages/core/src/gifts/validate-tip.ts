import { DomainError, DomainErrorCode, ensure } from "../errors.ts";
import { assertIntegerInRange } from "../money/integers.ts";
import { RATE_CARD } from "../rate-card/current.ts";
import type { RateCard } from "../rate-card/rate-card.ts";
import { describeForbiddenCharacter } from "../text/describe-forbidden-character.ts";

/** A tip that passed `validateTip`: the coins and the message exactly as it will be shown. */
export interface ValidatedTip {
  readonly coins: number;
  /** Trimmed message, or `null` when none was given or it was only whitespace. */
  readonly message: string | null;
  readonly rateCardVersion: string;
}

function formatCodePoint(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * Checks a tip before it is charged: `coins` must be a whole number within the card's tip range
 * (1..1,000,000 on the current card) and the optional `message`, once trimmed, at most
 * `tip.maxMessageLength` characters (200, counted as Unicode code points so an emoji counts
 * once), on one line, with no control or text-direction characters.
 *
 * @throws DomainError `INVALID_INPUT` naming what to change.
 */
export function validateTip(
  coins: number,
  message?: string | null,
  rateCard: RateCard = RATE_CARD,
): ValidatedTip {
  assertIntegerInRange(coins, rateCard.tip.minCoins, rateCard.tip.maxCoins, "Tip coins");
  return { coins, message: normalizeMessage(message, rateCard), rateCardVersion: rateCard.version };
}

function normalizeMessage(message: string | null | undefined, rateCard: RateCard): string | null {
  if (message === undefined || message === null) return null;
  ensure(typeof message === "string", "A tip message must be text.", { message });
  const trimmed = message.trim();
  if (trimmed === "") return null;

  let length = 0;
  for (const character of trimmed) {
    length += 1;
    const codePoint = character.codePointAt(0) ?? 0;
    const forbidden = describeForbiddenCharacter(codePoint);
    if (forbidden !== null) {
      throw new DomainError(
        DomainErrorCode.INVALID_INPUT,
        `A tip message cannot contain ${forbidden} (${formatCodePoint(codePoint)} at character ${length}); remove it and send again.`,
        { codePoint, position: length },
      );
    }
  }

  const maxLength = rateCard.tip.maxMessageLength;
  ensure(
    length <= maxLength,
    `A tip message can be at most ${maxLength} characters; this one has ${length}.`,
    { length, maxLength },
  );
  return trimmed;
}
