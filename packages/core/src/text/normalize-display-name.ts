import { normalizeText } from "./normalize-text.ts";

/** Display names are drawn next to gifts on overlays and leaderboards: one short line. */
export const DISPLAY_NAME_MAX_LENGTH = 50;

/**
 * The display name as it will be stored and shown: trimmed, not empty, at most 50 characters
 * (Unicode code points), and free of the characters tips refuse (line breaks, control and
 * text-direction characters, broken surrogates).
 *
 * @throws DomainError `INVALID_INPUT` naming what to change.
 */
export function normalizeDisplayName(name: string): string {
  return normalizeText(name, {
    what: "A display name",
    maxLength: DISPLAY_NAME_MAX_LENGTH,
    allowLineBreaks: false,
  });
}
