import { normalizeCreatorHandle, parseStreamUrl, type StreamRef } from "@coinstream/core";

/** What the content script found on a page: a known platform's stream, or a declared creator. */
export type DetectedStream =
  | { readonly kind: "platform"; readonly stream: StreamRef }
  | { readonly kind: "declared"; readonly handle: string };

/**
 * Decides which creator a page belongs to. A recognised platform URL wins, since the platform's
 * own address cannot be spoofed by page content; otherwise a page's
 * `<meta name="coinstream:creator">` declaration (its raw `content`) names the creator.
 */
export function detectStream(url: string, declaredHandle: string | null): DetectedStream | null {
  const stream = parseStreamUrl(url);
  if (stream !== null) return { kind: "platform", stream };
  const handle = declaredHandle === null ? null : normalizeCreatorHandle(declaredHandle);
  return handle === null ? null : { kind: "declared", handle };
}
