import type { InsertPosition, SiteAdapter } from "./site-adapter.ts";

/** Where the bar goes: next to the site's anchor, or floating at the bottom right. */
export type BarPlacement =
  | { readonly mode: "inline"; readonly anchor: Element; readonly position: InsertPosition }
  | { readonly mode: "floating" };

export const FLOATING: BarPlacement = { mode: "floating" };

/** Is this element on screen? Overridable in tests, where nothing has a layout. */
export type VisibilityCheck = (element: Element) => boolean;

/**
 * Rendered, not `display: none` and not inside a hidden subtree. `checkVisibility` (Chromium
 * 105+, Firefox 106+) answers exactly; elsewhere the element must at least have boxes.
 */
export function isShown(element: Element): boolean {
  if (!element.isConnected || element.closest("[hidden]") !== null) return false;
  if (typeof element.checkVisibility === "function") return element.checkVisibility();
  return element.getClientRects().length > 0;
}

/** The first anchor rule that matches a shown element, or the floating bar. */
export function findBarPlacement(
  adapter: SiteAdapter,
  root: ParentNode,
  isVisible: VisibilityCheck = isShown,
): BarPlacement {
  for (const rule of adapter.barAnchors) {
    const anchor = root.querySelector(rule.selector);
    if (anchor !== null && isVisible(anchor)) {
      return { mode: "inline", anchor, position: rule.position };
    }
  }
  return FLOATING;
}

/** The player the animations play over, or null (then they play over the viewport). */
export function findPlayer(
  adapter: SiteAdapter,
  root: ParentNode,
  isVisible: VisibilityCheck = isShown,
): Element | null {
  for (const selector of adapter.players) {
    const player = root.querySelector(selector);
    if (player !== null && isVisible(player)) return player;
  }
  return null;
}

/** Same place as before? Then the bar stays where it is (no remount, no flicker). */
export function isSamePlacement(a: BarPlacement, b: BarPlacement): boolean {
  if (a.mode === "floating" || b.mode === "floating") return a.mode === b.mode;
  return a.anchor === b.anchor && a.position === b.position;
}
