/** How each gift of the catalog looks, the same in the OBS overlay and the extension. */
const GIFT_ICONS: Readonly<Record<string, string>> = {
  rose: "🌹",
  heart: "💖",
  gg: "🎮",
  "ice-cream": "🍦",
  doughnut: "🍩",
  coffee: "☕",
  rainbow: "🌈",
  crown: "👑",
  concert: "🎤",
  fireworks: "🎆",
  unicorn: "🦄",
  "sports-car": "🏎️",
  planet: "🪐",
  lion: "🦁",
};

/** A gift's icon; a wrapped present for gifts a newer rate card added. */
export function giftIcon(giftId: string | null): string {
  return (giftId !== null && Object.hasOwn(GIFT_ICONS, giftId) && GIFT_ICONS[giftId]) || "🎁";
}
