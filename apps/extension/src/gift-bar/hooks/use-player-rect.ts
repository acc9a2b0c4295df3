import { useEffect, useState } from "react";
import { findPlayer, isShown } from "../../site-adapters/place-bar.ts";
import type { SiteAdapter } from "../../site-adapters/site-adapter.ts";

export interface StageRect {
  readonly top: number;
  readonly left: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Where the player is on screen, for the animation layer over it; null means the whole
 * viewport. Measured only while something is shown (`active`), on scroll, resize and a slow
 * tick (players move when the site's layout does).
 */
export function usePlayerRect(
  win: Window & typeof globalThis,
  adapter: SiteAdapter,
  active: boolean,
): StageRect | null {
  const [rect, setRect] = useState<StageRect | null>(null);
  useEffect(() => {
    if (!active) return;
    const measure = () => {
      const player = findPlayer(adapter, win.document, isShown);
      const box = player?.getBoundingClientRect();
      const next =
        box && box.width > 0 && box.height > 0
          ? { top: box.top, left: box.left, width: box.width, height: box.height }
          : null;
      setRect((previous) =>
        previous !== null &&
        next !== null &&
        previous.top === next.top &&
        previous.left === next.left &&
        previous.width === next.width &&
        previous.height === next.height
          ? previous
          : next,
      );
    };
    measure();
    const tick = win.setInterval(measure, 1_000);
    win.addEventListener("resize", measure);
    win.addEventListener("scroll", measure, { passive: true, capture: true });
    return () => {
      win.clearInterval(tick);
      win.removeEventListener("resize", measure);
      win.removeEventListener("scroll", measure, { capture: true });
    };
  }, [win, adapter, active]);
  return rect;
}
