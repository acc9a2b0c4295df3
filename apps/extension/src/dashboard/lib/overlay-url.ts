/**
 * The overlay's full address for OBS. The API returns a full URL when it knows its public
 * address (PUBLIC_URL) and only the path otherwise; the path is then on the API's own origin.
 */
export function absoluteOverlayUrl(url: string, apiUrl: string): string {
  if (/^https?:\/\//i.test(url)) return url;
  return new URL(url, apiUrl.endsWith("/") ? apiUrl : `${apiUrl}/`).href;
}

/** The URL with its secret key hidden, for the screen (a dashboard on stream must not leak it). */
export function maskOverlayUrl(url: string): string {
  return url.replace(/\/overlay\/[^/?#]+/, "/overlay/••••••••••••");
}
