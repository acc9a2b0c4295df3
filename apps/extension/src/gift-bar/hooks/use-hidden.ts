import { useCallback, useEffect, useState } from "react";
import type { HiddenSites } from "../lib/hidden-sites.ts";

export interface HiddenState {
  /** null until the stored setting is read (render nothing rather than flash the bar). */
  readonly hidden: boolean | null;
  readonly setHidden: (hidden: boolean) => void;
}

/** The viewer's "hide on this site" setting, shared by every tab of the site. */
export function useHidden(sites: HiddenSites, hostname: string): HiddenState {
  const [hidden, setLocal] = useState<boolean | null>(null);
  useEffect(() => {
    let current = true;
    sites.isHidden(hostname).then(
      (value) => current && setLocal(value),
      () => current && setLocal(false),
    );
    const stop = sites.subscribe(hostname, (value) => current && setLocal(value));
    return () => {
      current = false;
      stop();
    };
  }, [sites, hostname]);
  const setHidden = useCallback(
    (value: boolean) => {
      setLocal(value);
      sites.setHidden(hostname, value).catch(() => {
        // Storage refused (quota, extension reloaded): the choice holds for this page view.
      });
    },
    [sites, hostname],
  );
  return { hidden, setHidden };
}
