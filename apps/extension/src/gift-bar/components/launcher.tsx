import { useEffect } from "react";
import { CoinLogo } from "./coin-logo.tsx";

/** What the panel posts to its parent to be closed (the fold button, Escape). */
export const CLOSE_PANEL_MESSAGE = "coinstream:close-panel";

/**
 * What the host page holds (in a closed shadow root): a button naming the page's creator, and
 * once the viewer opens it, the panel, which is the extension's own page in a frame. Nothing
 * here knows the viewer: no balance, no name, no session.
 */
export function Launcher({
  handle,
  open,
  panelUrl,
  inline,
  onToggle,
}: {
  readonly handle: string;
  readonly open: boolean;
  readonly panelUrl: string | null;
  /** In the site's layout (its chat column) rather than floating over the page. */
  readonly inline: boolean;
  readonly onToggle: (open: boolean) => void;
}) {
  // Only the panel itself (the extension's origin) can close it; a page's own messages cannot.
  const panelOrigin = panelUrl ? new URL(panelUrl).origin : null;
  useEffect(() => {
    if (!open || panelOrigin === null) return;
    const onMessage = (event: MessageEvent) => {
      if (event.origin === panelOrigin && event.data?.type === CLOSE_PANEL_MESSAGE) onToggle(false);
    };
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, [open, panelOrigin, onToggle]);
  return (
    <div className={`cs-launcher${open ? " cs-launcher-open" : ""}`} data-testid="launcher">
      {open && panelUrl ? (
        <iframe
          className={inline ? "cs-panel-frame cs-panel-frame-inline" : "cs-panel-frame"}
          data-testid="panel-frame"
          src={panelUrl}
          title={`Coinstream gifts for @${handle}`}
          allow=""
        />
      ) : null}
      <button
        type="button"
        className="cs-pill"
        data-testid="open-panel"
        aria-expanded={open}
        onClick={() => onToggle(!open)}
      >
        <CoinLogo />
        <span>{open ? "Close" : `Send a gift to @${handle}`}</span>
      </button>
    </div>
  );
}
