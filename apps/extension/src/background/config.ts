/**
 * The background's build configuration, read once. Plasmo inlines `process.env.PLASMO_PUBLIC_*`
 * at build time; scripts/plasmo.mjs defaults and normalises the API URL before every build.
 */
const DEFAULT_API_URL = "http://127.0.0.1:3000";

/** The API's origin with no trailing slash, e.g. http://127.0.0.1:3000. */
export const API_URL: string = normalizeApiUrl(process.env.PLASMO_PUBLIC_API_URL);

export function normalizeApiUrl(raw: string | undefined): string {
  const value = raw?.trim();
  if (!value) return DEFAULT_API_URL;
  try {
    return new URL(value).origin;
  } catch {
    return DEFAULT_API_URL;
  }
}
