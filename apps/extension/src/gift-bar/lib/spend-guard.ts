import type { SpendGuard } from "../components/gift-bar-app.tsx";

/** The panel must have been fully visible this long before a spend: no reveal-then-click trick. */
export const MIN_VISIBLE_MS = 500;

export const NOT_A_GESTURE =
  "Nothing was sent: Coinstream sends only on your own click or key press in this panel.";
export const NOT_VISIBLE =
  "Nothing was sent: this page covers, fades or hides the Coinstream panel. Make sure nothing sits on top of it and try again.";

/** An event as the guard reads it: whether the browser (not a script) made it. */
export interface GestureLike {
  readonly isTrusted: boolean;
}

/**
 * The spend guard's state: the event being handled right now (set before the panel's own
 * handlers run and cleared after) and since when the panel has been fully visible. A spend goes
 * only inside a trusted click, key press or submit, while the panel has been visible for
 * MIN_VISIBLE_MS.
 */
export function createSpendGuard(now: () => number) {
  let gesture: GestureLike | null = null;
  let visibleSince: number | null = null;
  return {
    refuse(): string | null {
      if (gesture === null || gesture.isTrusted !== true) return NOT_A_GESTURE;
      if (visibleSince === null || now() - visibleSince < MIN_VISIBLE_MS) return NOT_VISIBLE;
      return null;
    },
    beginEvent(event: GestureLike): void {
      gesture = event;
    },
    endEvent(): void {
      gesture = null;
    },
    setVisible(visible: boolean): void {
      if (!visible) visibleSince = null;
      else visibleSince ??= now();
    },
  } satisfies SpendGuard & Record<string, unknown>;
}

const GESTURES = ["click", "keydown", "submit"] as const;

/** IntersectionObserver v2 options (not yet in TypeScript's DOM types). */
interface VisibilityObserverInit extends IntersectionObserverInit {
  readonly trackVisibility: boolean;
  readonly delay: number;
}

/**
 * The guard, wired to the panel's window: every gesture event is noted in the capture phase
 * (before React's handlers) and forgotten in the bubble phase (after them), and the panel's
 * visibility comes from IntersectionObserver v2 (`trackVisibility`), which reports `isVisible`
 * false while anything covers the frame, or the frame (or any ancestor) is transparent,
 * filtered or transformed. Without v2 (Firefox) the panel counts as visible while on screen.
 */
export function attachSpendGuard(
  win: Window & typeof globalThis,
  now: () => number = () => win.performance.now(),
): SpendGuard & { readonly detach: () => void } {
  const guard = createSpendGuard(now);
  const begin = (event: Event) => guard.beginEvent(event);
  const end = () => guard.endEvent();
  for (const type of GESTURES) {
    win.addEventListener(type, begin, true);
    win.addEventListener(type, end, false);
  }
  let observer: IntersectionObserver | null = null;
  if (typeof win.IntersectionObserver === "function" && win.document.body) {
    const options: VisibilityObserverInit = { threshold: [0], trackVisibility: true, delay: 100 };
    observer = new win.IntersectionObserver((entries) => {
      for (const entry of entries) {
        const v2 = entry as IntersectionObserverEntry & { readonly isVisible?: boolean };
        guard.setVisible(v2.isVisible ?? v2.isIntersecting);
      }
    }, options);
    observer.observe(win.document.body);
  }
  return {
    refuse: guard.refuse,
    detach: () => {
      observer?.disconnect();
      for (const type of GESTURES) {
        win.removeEventListener(type, begin, true);
        win.removeEventListener(type, end, false);
      }
    },
  };
}
