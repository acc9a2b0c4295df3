import { useEffect, useState } from "react";

const QUERY = "(prefers-reduced-motion: reduce)";

/** Whether the viewer asked their system for less motion; follows changes live. */
export function usePrefersReducedMotion(win: Pick<Window, "matchMedia">): boolean {
  const [reduced, setReduced] = useState(() => win.matchMedia?.(QUERY).matches ?? false);
  useEffect(() => {
    const media = win.matchMedia?.(QUERY);
    if (!media) return;
    const update = () => setReduced(media.matches);
    update();
    media.addEventListener("change", update);
    return () => media.removeEventListener("change", update);
  }, [win]);
  return reduced;
}
