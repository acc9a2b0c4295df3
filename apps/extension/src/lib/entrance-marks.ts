/** Each entrance effect's mark, drawn as text next to the name (unknown effects get a star). */
const ENTRANCE_MARKS: Readonly<Record<string, string>> = {
  sparkle: "✨",
  confetti: "🎉",
  spotlight: "🔦",
};

export function entranceMark(effect: string): string {
  return Object.hasOwn(ENTRANCE_MARKS, effect) ? (ENTRANCE_MARKS[effect] as string) : "⭐";
}
