import { randomUUID } from "node:crypto";
import type { RateCard } from "@coinstream/core";
import type { Sql } from "@coinstream/db";
import { publishOverlaySignal } from "../../overlay/overlay-signals.ts";
import { requireCreatorAccount } from "../creators/require-creator-account.ts";
import type { AlertTier } from "./overlay-settings.ts";

/**
 * Plays an alert of `tier` on the caller's open overlays: an event shaped like a real one,
 * marked `test`, sent straight to their overlays (not stored, not on the public stream), so no
 * coins move and no analytics, leaderboard, goal or viewer's extension ever sees it.
 */
export async function sendTestAlert(
  sql: Sql,
  userId: string,
  tier: AlertTier,
  rateCard: RateCard,
  now: Date,
) {
  const creator = await requireCreatorAccount(sql, userId);
  const gift =
    tier === "tip" || tier === "message"
      ? null
      : [...rateCard.gifts].filter((g) => g.tier === tier).sort((a, b) => a.coins - b.coins)[0];
  const coins = gift ? gift.coins : tier === "tip" ? 100 : creator.messagePriceCoins;
  const event = {
    id: `test-${randomUUID()}`,
    test: true,
    kind: gift ? "gift" : tier,
    creatorHandle: creator.handle,
    viewerName: "Test alert",
    viewerStyle: null,
    coins,
    giftId: gift?.id ?? null,
    count: 1,
    comboCount: 1,
    comboId: null,
    message: tier === "tip" || tier === "message" ? "This is a test: no coins moved." : null,
    at: now.toISOString(),
  };
  await publishOverlaySignal(sql, userId, { type: "test-alert", event });
  return { sent: true as const, tier, event };
}
