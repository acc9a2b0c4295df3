import { DomainError, DomainErrorCode } from "@coinstream/core";

export interface TextRules {
  /** How the error names the field, e.g. "A message". */
  readonly what: string;
  /** In Unicode code points, so an emoji counts once. */
  readonly maxLength: number;
  /** Multi-line text (replies, perk text); single-line text is drawn on the stream overlay. */
  readonly allowLineBreaks: boolean;
}

/** Why a code point may not appear in text people send or show, or `null` when it may. */
function describeForbidden(codePoint: number, allowLineBreaks: boolean): string | null {
  if (codePoint === 0x0a) return allowLineBreaks ? null : "a line break";
  if ([0x0b, 0x0c, 0x0d, 0x85, 0x2028, 0x2029].includes(codePoint)) return "a line break";
  if (codePoint <= 0x1f || (codePoint >= 0x7f && codePoint <= 0x9f)) return "a control character";
  // Embeddings, overrides and isolates can reorder the text around it (spoofing).
  if (
    (codePoint >= 0x202a && codePoint <= 0x202e) ||
    (codePoint >= 0x2066 && codePoint <= 0x2069)
  ) {
    return "a text-direction control";
  }
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return "a broken (unpaired) character";
  return null;
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
    const forbidden = describeForbidden(codePoint, rules.allowLineBreaks);
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
