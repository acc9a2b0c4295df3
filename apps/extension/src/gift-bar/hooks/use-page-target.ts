import { useEffect, useState } from "react";
import type { SiteAdapter } from "../../site-adapters/site-adapter.ts";
import { type PageTarget, toPageTarget } from "../lib/page-target.ts";
import { type WatcherWindow, watchPage } from "../lib/page-watcher.ts";
import { readPage } from "../lib/read-page.ts";

/** The page's creator target, following single-page navigation (null: not a stream page). */
export function usePageTarget(
  win: WatcherWindow & { readonly location: Location },
  adapter: SiteAdapter,
): PageTarget | null {
  const [target, setTarget] = useState<PageTarget | null>(() =>
    toPageTarget(readPage(win.document, win.location.href)),
  );
  useEffect(
    () =>
      watchPage({
        win,
        read: () => toPageTarget(readPage(win.document, win.location.href)),
        onChange: setTarget,
        watchBody: adapter.watchBody,
      }),
    [win, adapter],
  );
  return target;
}
