import { useEffect, useState } from "react";
import {
  type BoxOf,
  findChatDock,
  layoutPopover,
  type PopoverLayout,
  renderedBox,
} from "../../site-adapters/dock.ts";
import type { SiteAdapter } from "../../site-adapters/site-adapter.ts";

const SAME = (a: PopoverLayout | null, b: PopoverLayout) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Where the launcher and its panel sit on this page, kept current as the site re-renders,
 * scrolls or resizes: by the chat input when the adapter finds the chat column on screen,
 * floating bottom right otherwise. Reads the page's layout only; writes nothing into it.
 */
export function useDock(
  win: Window & typeof globalThis,
  adapter: SiteAdapter,
  active: boolean,
  boxOf: BoxOf = renderedBox,
): PopoverLayout | null {
  const [layout, setLayout] = useState<PopoverLayout | null>(null);
  useEffect(() => {
    if (!active) {
      setLayout(null);
      return;
    }
    const doc = win.document;
    let frame: number | null = null;
    let current: PopoverLayout | null = null;
    const update = () => {
      frame = null;
      const next = layoutPopover(findChatDock(adapter, doc, boxOf), {
        width: doc.documentElement.clientWidth || win.innerWidth,
        height: doc.documentElement.clientHeight || win.innerHeight,
      });
      if (SAME(current, next)) return;
      current = next;
      setLayout(next);
    };
    const updateSoon = () => {
      if (frame === null) frame = win.setTimeout(update, 50);
    };
    update();
    const observer = new win.MutationObserver(updateSoon);
    observer.observe(doc.body ?? doc.documentElement, { childList: true, subtree: true });
    win.addEventListener("resize", updateSoon);
    win.addEventListener("scroll", updateSoon, { capture: true, passive: true });
    // Sites animate their columns (chat collapsing, theatre mode) without a DOM change.
    const interval = win.setInterval(update, 1_000);
    return () => {
      observer.disconnect();
      win.removeEventListener("resize", updateSoon);
      win.removeEventListener("scroll", updateSoon, { capture: true });
      win.clearInterval(interval);
      if (frame !== null) win.clearTimeout(frame);
    };
  }, [win, adapter, active, boxOf]);
  return layout;
}
