// Checked before lower-casing: "K" (U+212A KELVIN SIGN) lower-cases to an ASCII "k".
const CREATOR_HANDLE = /^[a-z0-9][a-z0-9_.-]{1,29}$/i;

/**
 * Turns a creator handle as someone typed it into the form Coinstream stores: trimmed, one
 * leading "@" removed, lower-cased, 2-30 ASCII letters, digits, "_", "." or "-" starting with a
 * letter or digit. Anything else is null. Never throws.
 *
 * @example
 * normalizeCreatorHandle("  @Alice_Streams ") // "alice_streams"
 * normalizeCreatorHandle("@@alice") // null
 */
export function normalizeCreatorHandle(raw: string): string | null {
  if (typeof raw !== "string") return null;
  const trimmed = raw.trim();
  const handle = trimmed.startsWith("@") ? trimmed.slice(1) : trimmed;
  return CREATOR_HANDLE.test(handle) ? handle.toLowerCase() : null;
}
