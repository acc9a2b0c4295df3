/*
 * Finding a page's `<meta name="coinstream:creator">`, for the detector that runs on every web
 * page. Deliberately free of React and of @coinstream/core, so the script that runs everywhere
 * stays a few kilobytes: the background normalises the handle, and the launcher it injects checks
 * the declaration against the creator's verified websites through the API.
 */

const CREATOR_META_NAME = "coinstream:creator";

/** The trimmed `content` of the page's first creator meta tag (name in any case), or null. */
export function findCreatorMeta(doc: Document): string | null {
  for (const meta of doc.querySelectorAll("meta[name]")) {
    if (meta.getAttribute("name")?.toLowerCase() !== CREATOR_META_NAME) continue;
    const content = meta.getAttribute("content")?.trim();
    return content ? content : null;
  }
  return null;
}

/** What watchCreatorMeta needs from the page's window. */
export interface MetaWatchWindow {
  readonly document: Document;
  readonly MutationObserver: typeof MutationObserver;
}

/**
 * Calls `onFound` once, with the creator meta tag's content, as soon as the page has one: now, or
 * when a single-page site adds it later (only `<head>` is observed, where the tag lives, so a busy
 * page body costs nothing). Returns a function that stops watching.
 */
export function watchCreatorMeta(
  win: MetaWatchWindow,
  onFound: (declaredHandle: string) => void,
): () => void {
  const doc = win.document;
  let observer: MutationObserver | null = null;
  const stop = () => {
    observer?.disconnect();
    observer = null;
  };
  const check = (): boolean => {
    const found = findCreatorMeta(doc);
    if (found === null) return false;
    stop();
    onFound(found);
    return true;
  };
  if (check()) return stop;
  observer = new win.MutationObserver(() => {
    check();
  });
  observer.observe(doc.head ?? doc.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["name", "content"],
  });
  return stop;
}
