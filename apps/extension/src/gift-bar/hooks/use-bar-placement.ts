import { useEffect, useState } from "react";
import {
  type BarPlacement,
  FLOATING,
  findBarPlacement,
  isSamePlacement,
  isShown,
  type VisibilityCheck,
} from "../../site-adapters/place-bar.ts";
import type { SiteAdapter } from "../../site-adapters/site-adapter.ts";
import { GIFT_BAR_SHADOW_CSS } from "../shadow-css.ts";

/** The element the inline bar renders into: inside its own shadow root next to the anchor. */
export const SLOT_TAG = "coinstream-gift-bar";

export interface BarSlot {
  readonly placement: BarPlacement;
  /** Where to portal the bar when inline; null when it floats. */
  readonly container: HTMLElement | null;
}

const FLOATING_SLOT: BarSlot = { placement: FLOATING, container: null };

/**
 * Places the bar where the site adapter says, in a shadow root of its own with the bar's
 * styles, and keeps it there: when the site re-renders the anchor away (or changes its layout)
 * the bar moves to the new anchor or floats. Inactive: no slot, nothing watched.
 */
export function useBarPlacement(
  win: Window & typeof globalThis,
  adapter: SiteAdapter,
  active: boolean,
  isVisible: VisibilityCheck = isShown,
): BarSlot {
  const [slot, setSlot] = useState<BarSlot>(FLOATING_SLOT);

  useEffect(() => {
    if (!active) {
      setSlot(FLOATING_SLOT);
      return;
    }
    const doc = win.document;
    let host: HTMLElement | null = null;
    let placement: BarPlacement = FLOATING;
    let timer: number | null = null;

    const update = () => {
      timer = null;
      const next = findBarPlacement(adapter, doc, isVisible);
      if (isSamePlacement(placement, next) && (next.mode === "floating" || host?.isConnected)) {
        return;
      }
      host?.remove();
      host = null;
      placement = next;
      if (next.mode === "floating") {
        setSlot(FLOATING_SLOT);
        return;
      }
      const created = createSlot(doc);
      next.anchor.insertAdjacentElement(next.position, created.host);
      host = created.host;
      setSlot({ placement: next, container: created.container });
    };
    const updateSoon = () => {
      if (timer === null) timer = win.setTimeout(update, 400);
    };

    update();
    const observer = new win.MutationObserver(updateSoon);
    observer.observe(doc.body ?? doc.documentElement, { childList: true, subtree: true });
    win.addEventListener("resize", updateSoon);
    return () => {
      observer.disconnect();
      win.removeEventListener("resize", updateSoon);
      if (timer !== null) win.clearTimeout(timer);
      host?.remove();
    };
  }, [win, adapter, active, isVisible]);

  return slot;
}

function createSlot(doc: Document): { host: HTMLElement; container: HTMLElement } {
  const host = doc.createElement(SLOT_TAG);
  host.style.display = "block";
  const shadow = host.attachShadow({ mode: "closed" });
  const style = doc.createElement("style");
  style.textContent = GIFT_BAR_SHADOW_CSS;
  const container = doc.createElement("div");
  container.className = "cs-root cs-inline";
  shadow.append(style, container);
  return { host, container };
}
