import { PANEL_PAGE } from "../background/access.ts";
import type { PageTarget } from "./lib/page-target.ts";

/** What the launcher tells the panel in its address: whose stream, on which site. */
export interface PanelParams {
  readonly target: PageTarget;
  readonly hostname: string;
}

/** The panel's address for a page's target (the fragment never reaches a server). */
export function panelUrl(extensionUrl: (path: string) => string, params: PanelParams): string {
  return `${extensionUrl(PANEL_PAGE)}#${encodeURIComponent(JSON.stringify(params))}`;
}

/**
 * The panel's parameters back from its address, or null. Anything may have written them (a page
 * can frame the panel with its own), so they only say what to show: the background checks every
 * target against the tab's real address before the API hears of it.
 */
export function readPanelParams(hash: string): PanelParams | null {
  try {
    const value = JSON.parse(decodeURIComponent(hash.replace(/^#/, ""))) as Partial<PanelParams>;
    const target = value.target;
    const to = target?.to as Record<string, unknown> | undefined;
    if (typeof value.hostname !== "string" || typeof target?.key !== "string" || !to) return null;
    if (typeof to.handle === "string") {
      return { hostname: value.hostname, target: { key: target.key, to: { handle: to.handle } } };
    }
    if (typeof to.url === "string") {
      return { hostname: value.hostname, target: { key: target.key, to: { url: to.url } } };
    }
    return null;
  } catch {
    return null;
  }
}
