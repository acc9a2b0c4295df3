/** Chromium's id for the extension: the manifest's `key` pins it. */
export const CHROME_EXTENSION_ID = "lmlodmfagolglgghppehjmepbcmkeimf";

/** The manifest's `browser_specific_settings.gecko.id`. */
export const GECKO_ID = "coinstream@coinstream.app";

/** The moz-extension:// origin's uuid, pinned by a pref (see firefox.ts) so the API can trust it in advance. */
export const FIREFOX_EXTENSION_UUID = "3c0f5e2a-7b41-4d8e-9a6c-1f2e4d5c6b7a";

/** Both browsers' extension origins: what the E2E's API trusts (TRUSTED_ORIGINS). */
export const EXTENSION_ORIGINS = [
  `chrome-extension://${CHROME_EXTENSION_ID}`,
  `moz-extension://${FIREFOX_EXTENSION_UUID}`,
] as const;
