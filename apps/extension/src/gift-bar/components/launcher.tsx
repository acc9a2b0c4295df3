import { useEffect, useRef } from "react";
import type { PopoverLayout } from "../../site-adapters/dock.ts";
import { CoinLogo } from "./coin-logo.tsx";

/** What the panel posts to its parent to be closed (the fold button, Escape). */
export const CLOSE_PANEL_MESSAGE = "coinstream:close-panel";

/**
 * What the host page holds (in a closed shadow root): a compact coin button docked by the chat
 * input (or floating), and once the viewer opens it, the panel as a popover: the extension's own
 * page in a frame. Both are fixed over the page, never in its layout, so opening the panel
 * moves nothing of the site. Nothing here knows the viewer: no balance, no name, no session.
 */
export function Launcher({
  handle,
  open,
  panelUrl,
  layout,
  onToggle,
}: {
  readonly handle: string;
  readonly open: boolean;
  readonly panelUrl: string | null;
  /** Where the button and the panel go; null until the page is measured. */
  readonly layout: PopoverLayout | null;
  readonly onToggle: (open: boolean) => void;
}) {
  // Only the panel itself (the extension's origin) can close it; a page's own messages cannot.
  const panelOrigin = panelUrl ? new URL(panelUrl).origin : null;
  useEffect(() => {
    if (!open || panelOrigin === null) return;
    const onMessage = (event: MessageEvent) => {
      if (event.origin === panelOrigin && event.data?.type === CLOSE_PANEL_MESSAGE) {
        onToggle(false);
        button.current?.focus();
      }
    };
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, [open, panelOrigin, onToggle]);
  // Closed (Escape, the panel's fold button): the focus comes back to this button.
  const button = useRef<HTMLButtonElement>(null);
  const toggle = (next: boolean) => {
    onToggle(next);
    if (!next) button.current?.focus();
  };
  const label = open ? `Close the gifts for @${handle}` : `Send a gift to @${handle}`;
  return (
    <div
      className={`cs-launcher${open ? " cs-launcher-open" : ""}`}
      data-testid="launcher"
      data-mode={layout?.mode ?? "floating"}
    >
      {open && panelUrl ? (
        <iframe
          className="cs-panel-frame"
          data-testid="panel-frame"
          src={panelUrl}
          title={`Coinstream gifts for @${handle}`}
          allow=""
          style={
            layout
              ? {
                  left: layout.panel.left,
                  top: layout.panel.top,
                  width: layout.panel.width,
                  height: layout.panel.height,
                  right: "auto",
                  bottom: "auto",
                }
              : undefined
          }
        />
      ) : null}
      <button
        type="button"
        className="cs-launch-button"
        data-testid="open-panel"
        aria-expanded={open}
        aria-label={label}
        title={label}
        style={
          layout
            ? {
                left: layout.launcher.left,
                top: layout.launcher.top,
                right: "auto",
                bottom: "auto",
              }
            : undefined
        }
        ref={button}
        onClick={() => toggle(!open)}
        onKeyDown={(event) => {
          if (event.key === "Escape" && open) toggle(false);
        }}
      >
        <CoinLogo />
        <span className="cs-visually-hidden">{label}</span>
      </button>
    </div>
  );
}
