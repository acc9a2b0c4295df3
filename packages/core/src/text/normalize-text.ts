import { DomainError, DomainErrorCode } from "../errors.ts";
import { describeForbiddenCharacter } from "./describe-forbidden-character.ts";

export interface TextRules {
  /** How the error names the field, e.g. "A message". */
  readonly what: string;
  /** In Unicode code points, so an emoji counts once. */
  readonly maxLength: number;
  /** Multi-line text (replies, perk text); single-line text is drawn on the stream overlay. */
  readonly allowLineBreaks: boolean;
}

/**
 * Trims `text` and checks it against `rules`: not empty, at most `maxLength` code points, no
 * control or text-direction characters (line breaks only where allowed, as `\n`).
 *
 * @throws DomainError `INVALID_INPUT` naming what to change.
 */
export function normalizeText(text: string, rules: TextRules): string {
  const trimmed = (rules.allowLineBreaks ? text.replaceAll("\r\n", "\n") : text).trim();
  if (trimmed === "") {
    throw new DomainError(DomainErrorCode.INVALID_INPUT, `${rules.what} cannot be empty.`);
  }
  let length = 0;
  for (const character of trimmed) {
    length += 1;
    const codePoint = character.codePointAt(0) ?? 0;
    const forbidden = describeForbiddenCharacter(codePoint, rules.allowLineBreaks);
    if (forbidden !== null) {
      throw new DomainError(
        DomainErrorCode.INVALID_INPUT,
        `${rules.what} cannot contain ${forbidden} (character ${length}); remove it and try again.`,
        { codePoint, position: length },
      );
    }
  }
  if (length > rules.maxLength) {
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      `${rules.what} can be at most ${rules.maxLength} characters; this one has ${length}.`,
      { length, maxLength: rules.maxLength },
    );
  }
  return trimmed;
}
