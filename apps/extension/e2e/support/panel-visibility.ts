import { MIN_VISIBLE_MS } from "../../src/gift-bar/lib/spend-guard.ts";

/**
 * The longest IntersectionObserver v2 waits between two reports (the spend guard's `delay`):
 * the guard's own observer may hear a change this much after ours.
 */
const REPORT_LAG_MS = 100;

/** How long the panel must be seen fully visible before its spend guard accepts a spend. */
export const SPENDABLE_AFTER_MS = MIN_VISIBLE_MS + REPORT_LAG_MS;

/** How long the panel must be seen covered or faded before its spend guard has surely seen it too. */
export const GUARD_SAW_HIDDEN_AFTER_MS = 2 * REPORT_LAG_MS;

/**
 * Runs in the panel's document (`frame.evaluate(panelSeen, {...})`): resolves once the browser
 * has reported the panel fully visible (or, with `visible` false, covered, faded or off screen)
 * for `ms` without a break, by the same IntersectionObserver v2 report the spend guard reads
 * (on screen or not, where v2 is missing: Firefox); rejects after `timeoutMs`.
 */
export function panelSeen(wanted: {
  readonly visible: boolean;
  readonly ms: number;
  readonly timeoutMs: number;
}): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let since: number | null = null;
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const v2 = entry as IntersectionObserverEntry & { readonly isVisible?: boolean };
          const visible = v2.isVisible ?? v2.isIntersecting;
          since = visible === wanted.visible ? (since ?? performance.now()) : null;
        }
      },
      { threshold: [0], trackVisibility: true, delay: 100 } as IntersectionObserverInit,
    );
    observer.observe(document.body);
    const check = () => {
      if (since !== null && performance.now() - since >= wanted.ms) {
        observer.disconnect();
        resolve();
      } else if (performance.now() - started > wanted.timeoutMs) {
        observer.disconnect();
        const state = wanted.visible ? "fully visible" : "hidden";
        reject(new Error(`the panel was not seen ${state} for ${wanted.ms} ms`));
      } else {
        setTimeout(check, 50);
      }
    };
    check();
  });
}
