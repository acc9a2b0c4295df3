import { randomUUID } from "node:crypto";
import { publishOverlaySignal } from "../../overlay/overlay-signals.ts";
import { rateCardFor } from "../rate-card/get-active-rate-card.ts";
import type { CreatorContext } from "../service-context.ts";
import type { AlertTier } from "./overlay-settings.ts";

/**
 * Plays an alert of `tier` on the caller's open overlays: an event shaped like a real one,
 * marked `test`, sent straight to their overlays (not stored, not on the public stream), so no
 * coins move and no analytics, leaderboard, goal or viewer's extension ever sees it.
 */
export async function sendTestAlert(
  ctx: Pick<CreatorContext, "sql" | "creator" | "now">,
  { tier }: { readonly tier: AlertTier },
) {
  const { creator, now } = ctx;
  const rateCard = await rateCardFor(ctx);
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
  await publishOverlaySignal(ctx.sql, creator.userId, { type: "test-alert", event });
  return { sent: true as const, tier, event };
}
