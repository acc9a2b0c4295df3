/**
 * Why a code point may not appear in text people send to be shown on streams and in inboxes
 * (tips, paid messages, replies), or `null` when it may. Line breaks are allowed only as `\n`
 * and only where `allowLineBreaks` (overlays draw tips and messages on one line).
 */
export function describeForbiddenCharacter(
  codePoint: number,
  allowLineBreaks = false,
): string | null {
  if (codePoint === 0x0a) return allowLineBreaks ? null : "a line break";
  if ([0x0b, 0x0c, 0x0d, 0x85, 0x2028, 0x2029].includes(codePoint)) return "a line break";
  if (codePoint <= 0x1f || (codePoint >= 0x7f && codePoint <= 0x9f)) return "a control character";
  // Embeddings, overrides and isolates can reorder the text around them (spoofing).
  if (
    (codePoint >= 0x202a && codePoint <= 0x202e) ||
    (codePoint >= 0x2066 && codePoint <= 0x2069)
  ) {
    return "a text-direction control";
  }
  // A lone surrogate is not text: it cannot be stored or shown.
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return "a broken (unpaired) character";
  return null;
}
