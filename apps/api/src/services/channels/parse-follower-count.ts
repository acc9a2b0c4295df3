import type { StreamPlatform } from "@coinstream/core";

/** The largest count the `followers` column (int4) holds. */
const MAX_FOLLOWERS = 2_147_483_647;

interface CountPatterns {
  /** Keys of the page's embedded JSON state that hold the channel's count. */
  readonly jsonKeys: readonly string[];
  /** The word the page shows after the count ("12,345 followers"). */
  readonly nouns: readonly string[];
}

const PATTERNS: Readonly<Record<StreamPlatform, CountPatterns>> = {
  twitch: { jsonKeys: ["followers", "followerCount", "followersCount"], nouns: ["followers"] },
  youtube: { jsonKeys: ["subscriberCount", "subscribers"], nouns: ["subscribers"] },
  tiktok: { jsonKeys: ["followerCount", "followers"], nouns: ["followers"] },
  kick: {
    jsonKeys: ["followers_count", "followersCount", "followers"],
    nouns: ["followers"],
  },
};

/**
 * The follower (YouTube: subscriber) count a channel's public page shows, or null when it shows
 * none or several different ones (a page listing other channels too): a count the creator then
 * enters is marked unverified instead of guessing. The page's JSON state is preferred to its
 * visible text, because a bio can say "1M followers" but cannot write an unescaped JSON key.
 */
export function parseFollowerCount(platform: StreamPlatform | "web", page: string): number | null {
  if (platform === "web") return null;
  const { jsonKeys, nouns } = PATTERNS[platform];
  const keys = jsonKeys.map(escapeRegExp).join("|");
  const fromJson = [
    ...page.matchAll(new RegExp(`"(?:${keys})"\\s*:\\s*"?(\\d{1,12})"?(?![\\d.])`, "g")),
  ].map((match) => toCount(match[1], null));
  const json = agreed(fromJson);
  if (json !== "none") return json;

  const words = nouns.map(escapeRegExp).join("|");
  const fromText = [
    ...page.matchAll(
      new RegExp(
        `(?<![\\w.,-])(\\d{1,3}(?:[,\\u00a0\\u202f]\\d{3})+|\\d+(?:\\.\\d+)?)\\s?([KkMmBb])?\\s+(?:${words})\\b`,
        "gi",
      ),
    ),
  ].map((match) => toCount(match[1], match[2] ?? null));
  const text = agreed(fromText);
  return text === "none" ? null : text;
}

/** "none" when nothing matched; null when the matches disagree or one is not a count. */
function agreed(counts: readonly (number | null)[]): number | null | "none" {
  if (counts.length === 0) return "none";
  const [first] = counts;
  return counts.every((count) => count !== null && count === first) ? (first ?? null) : null;
}

/** "12,345" -> 12345, "1.2" with "K" -> 1200; null past the column's range. */
function toCount(digits: string | undefined, suffix: string | null): number | null {
  if (digits === undefined) return null;
  const plain = digits.replace(/[,\u00a0\u202f]/g, "");
  const [whole = "0", fraction = ""] = plain.split(".");
  const scale = { k: 3, m: 6, b: 9 }[suffix?.toLowerCase() ?? ""] ?? 0;
  // A fraction without a suffix ("1.5 followers") is not a count.
  if (fraction !== "" && scale === 0) return null;
  const shifted = `${whole}${fraction.padEnd(scale, "0").slice(0, scale)}`;
  const count = Number(shifted.padEnd(whole.length + scale, "0"));
  return Number.isSafeInteger(count) && count <= MAX_FOLLOWERS ? count : null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
