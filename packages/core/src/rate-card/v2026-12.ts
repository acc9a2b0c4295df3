import type { CosmeticDefinition, RateCard } from "./rate-card.ts";
import { RATE_CARD_2026_11 } from "./v2026-11.ts";

/** Entrance effects (played on a viewer's first gift of a live session) and tip stickers. */
const ENTRANCES_AND_STICKERS: CosmeticDefinition[] = [
  {
    id: "entrance-sparkle",
    kind: "entrance",
    name: "Sparkle entrance",
    coins: 800,
    style: "sparkle",
  },
  {
    id: "entrance-confetti",
    kind: "entrance",
    name: "Confetti entrance",
    coins: 1_500,
    style: "confetti",
  },
  {
    id: "entrance-spotlight",
    kind: "entrance",
    name: "Spotlight entrance",
    coins: 3_000,
    style: "spotlight",
  },
  {
    id: "sticker-heart-eyes",
    kind: "sticker",
    name: "Heart eyes sticker",
    coins: 100,
    style: "😍",
  },
  { id: "sticker-fire", kind: "sticker", name: "Fire sticker", coins: 100, style: "🔥" },
  { id: "sticker-clap", kind: "sticker", name: "Clap sticker", coins: 150, style: "👏" },
  { id: "sticker-laugh", kind: "sticker", name: "Laugh sticker", coins: 150, style: "😂" },
  { id: "sticker-trophy", kind: "sticker", name: "Trophy sticker", coins: 400, style: "🏆" },
];

/**
 * The rate card in force from December 2026: November's, with entrance effects and stickers in
 * the profile shop (every earlier price unchanged).
 */
export const RATE_CARD_2026_12: RateCard = {
  ...RATE_CARD_2026_11,
  version: "2026-12-01",
  cosmetics: [...RATE_CARD_2026_11.cosmetics, ...ENTRANCES_AND_STICKERS],
};
