/** The dashboard's sections, in the sidebar's order; each is also a URL hash (`#earnings`). */
export const SECTIONS = [
  { id: "overview", label: "Overview" },
  { id: "channels", label: "Channels" },
  { id: "earnings", label: "Earnings & withdraw" },
  { id: "analytics", label: "Analytics" },
  { id: "perks", label: "Perks" },
  { id: "live", label: "Live & goal" },
  { id: "boosts", label: "Boost reach" },
  { id: "inbox", label: "Inbox" },
  { id: "overlay", label: "Alert studio" },
  { id: "standing", label: "Standing" },
] as const;

export type SectionId = (typeof SECTIONS)[number]["id"];

/** The section a URL hash names ("#inbox", "inbox"), or the overview for anything else. */
export function sectionFromHash(hash: string): SectionId {
  const id = hash.replace(/^#/, "").toLowerCase();
  return SECTIONS.find((section) => section.id === id)?.id ?? "overview";
}
