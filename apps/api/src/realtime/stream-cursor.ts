/**
 * Where a subscriber is in a creator's stream, exact even when transactions commit out of order.
 *
 * It covers every event whose transaction id (`stream_events.tx`, xid8) is below `xmin` (a
 * snapshot's xmin: every such transaction had ended, so all of its events were visible) plus the
 * events listed in `delivered` (ids, each with `tx >= xmin`: delivered although an older
 * transaction was still running). Resuming replays exactly the stream's events outside that set,
 * so an event whose transaction started early and committed late is neither skipped nor repeated.
 */
export interface StreamCursor {
  readonly xmin: bigint;
  /** Ascending event ids. */
  readonly delivered: readonly bigint[];
}

/** How a client says where to resume: a cursor, or an event id from the older numeric scheme. */
export type ResumePoint =
  | { readonly kind: "cursor"; readonly cursor: StreamCursor }
  | { readonly kind: "after-id"; readonly id: bigint };

const PREFIX = "c1.";
/** Most ids a cursor lists; past it the oldest are dropped (a resume may repeat them, never skip). */
export const MAX_CURSOR_IDS = 128;
/** The longest resume point accepted (a cursor of MAX_CURSOR_IDS ids is far shorter). */
export const MAX_RESUME_LENGTH = 4 * 1024;
const BASE36 = /^[0-9a-z]{1,13}$/;

function fromBase36(text: string): bigint | null {
  if (!BASE36.test(text)) return null;
  let value = 0n;
  for (const char of text) value = value * 36n + BigInt(Number.parseInt(char, 36));
  return value;
}

/**
 * `c1.<xmin>.<first id>.<gap>...`, base 36, ids as gaps from the previous one: a few characters
 * per id, safe in an SSE `id:` line and a `Last-Event-ID` header.
 */
export function encodeStreamCursor(cursor: StreamCursor): string {
  let text = `${PREFIX}${cursor.xmin.toString(36)}`;
  let previous = 0n;
  for (const id of cursor.delivered) {
    text += `.${(id - previous).toString(36)}`;
    previous = id;
  }
  return text;
}

const INT8_MAX = 9_223_372_036_854_775_807n;

/** Parses a `Last-Event-ID` (or `after=`) value; null when it is neither form. */
export function parseResumePoint(text: string): ResumePoint | null {
  if (/^\d{1,19}$/.test(text)) {
    // Event ids are int8: a larger number was never sent, and would fail in SQL as a 500.
    const id = BigInt(text);
    return id <= INT8_MAX ? { kind: "after-id", id } : null;
  }
  if (!text.startsWith(PREFIX) || text.length > MAX_RESUME_LENGTH) return null;
  const [xminText, ...gaps] = text.slice(PREFIX.length).split(".");
  const xmin = fromBase36(xminText ?? "");
  if (xmin === null) return null;
  const delivered: bigint[] = [];
  let previous = 0n;
  for (const gap of gaps) {
    const step = fromBase36(gap);
    if (step === null || (delivered.length > 0 && step === 0n)) return null;
    previous += step;
    delivered.push(previous);
  }
  return { kind: "cursor", cursor: { xmin, delivered } };
}

/** Keeps at most MAX_CURSOR_IDS ids, the newest. */
export function boundCursorIds(ids: readonly bigint[]): readonly bigint[] {
  return ids.length > MAX_CURSOR_IDS ? ids.slice(ids.length - MAX_CURSOR_IDS) : ids;
}
