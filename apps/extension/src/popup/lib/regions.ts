import { RATE_CARD } from "@coinstream/core";

export interface RegionOption {
  readonly code: string;
  readonly name: string;
}

const displayNames = (() => {
  try {
    return new Intl.DisplayNames(undefined, { type: "region" });
  } catch {
    return null;
  }
})();

/** The regions the rate card prices, by name ("Germany"), for the sign-up form. */
export const REGION_OPTIONS: readonly RegionOption[] = Object.keys(RATE_CARD.regions)
  .map((code) => ({ code, name: displayNames?.of(code) ?? code }))
  .sort((a, b) => a.name.localeCompare(b.name));

/** The browser's region ("en-GB" -> "GB") when the rate card lists it, else "". */
export function guessRegion(languages: readonly string[]): string {
  for (const tag of languages) {
    const region = tag.split("-")[1]?.toUpperCase();
    if (region && Object.hasOwn(RATE_CARD.regions, region)) return region;
  }
  return "";
}
