import type { SiteAdapter } from "./site-adapter.ts";

/** A box in viewport coordinates (what getBoundingClientRect gives). */
export interface Box {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export interface Viewport {
  readonly width: number;
  readonly height: number;
}

/** Where the site's chat column is, and where its input starts (the launcher sits just above). */
export interface ChatDock {
  readonly chat: Box;
  readonly inputTop: number;
}

/**
 * Where the launcher and its popover panel go: both fixed over the page (never in its layout,
 * so opening the panel moves nothing). `docked`: by the chat input, the panel covering at most
 * a third of the chat column's visible area; `floating`: bottom right, the site's layout unknown.
 */
export interface PopoverLayout {
  readonly mode: "docked" | "floating";
  readonly launcher: { readonly left: number; readonly top: number };
  readonly panel: Box;
}

/** The launcher's round button (px); a touch target. */
export const LAUNCHER_SIZE = 36;
const GAP = 8;
const PANEL_MAX_WIDTH = 380;
const PANEL_MAX_HEIGHT = 520;
/** Below this the panel over the chat is cramped: above the column is tried instead. */
const PANEL_COMFORT_HEIGHT = 320;

function clip(box: Box, viewport: Viewport): Box | null {
  const left = Math.max(box.left, 0);
  const top = Math.max(box.top, 0);
  const right = Math.min(box.left + box.width, viewport.width);
  const bottom = Math.min(box.top + box.height, viewport.height);
  if (right - left <= 0 || bottom - top <= 0) return null;
  return { left, top, width: right - left, height: bottom - top };
}

/** The launcher bottom right and the panel above it, within the viewport. */
export function floatingLayout(viewport: Viewport): PopoverLayout {
  const launcher = {
    left: Math.max(viewport.width - LAUNCHER_SIZE - 16, 0),
    top: Math.max(viewport.height - LAUNCHER_SIZE - 16, 0),
  };
  const width = Math.min(PANEL_MAX_WIDTH, viewport.width - 2 * GAP);
  const height = Math.max(Math.min(PANEL_MAX_HEIGHT, launcher.top - 2 * GAP), 0);
  return {
    mode: "floating",
    launcher,
    panel: { left: viewport.width - width - GAP, top: launcher.top - GAP - height, width, height },
  };
}

/**
 * The popover's layout for a chat column (null: none found, float). The launcher sits over the
 * column's bottom right, just above the input. The panel opens above it across the column, no
 * taller than a third of the column's visible area; when that is cramped and the column starts
 * low enough (a phone, chat under the player), it hangs over what is above the column instead,
 * reaching at most a third into it. A column off screen, or an input above the fold, floats.
 */
export function layoutPopover(dock: ChatDock | null, viewport: Viewport): PopoverLayout {
  const chat = dock ? clip(dock.chat, viewport) : null;
  if (!dock || !chat) return floatingLayout(viewport);
  const launcher = {
    left: chat.left + chat.width - LAUNCHER_SIZE - GAP,
    top: Math.min(dock.inputTop, viewport.height) - LAUNCHER_SIZE - GAP,
  };
  if (launcher.top < chat.top || launcher.left < chat.left || chat.width < LAUNCHER_SIZE + GAP) {
    return floatingLayout(viewport);
  }
  const width = Math.min(PANEL_MAX_WIDTH, chat.width);
  const left = chat.left + chat.width - width;
  const bottom = launcher.top - GAP;
  const third = (chat.width * chat.height) / 3;
  const over = Math.max(Math.min(PANEL_MAX_HEIGHT, Math.floor(third / width), bottom - GAP), 0);
  // A phone, chat under the player: the panel hangs from the top of the screen over the player
  // and reaches at most a third into the chat, so it is roomier there.
  const aboveWidth = Math.min(PANEL_MAX_WIDTH, viewport.width - 2 * GAP);
  const aboveBottom = Math.min(
    chat.top + Math.floor(third / Math.min(aboveWidth, chat.width)),
    launcher.top - GAP,
  );
  const above = Math.min(PANEL_MAX_HEIGHT, aboveBottom - GAP);
  if (over < PANEL_COMFORT_HEIGHT && above > over + 40) {
    const aboveLeft = Math.max(Math.min(left, viewport.width - aboveWidth - GAP), GAP);
    return {
      mode: "docked",
      launcher,
      panel: { left: aboveLeft, top: aboveBottom - above, width: aboveWidth, height: above },
    };
  }
  return { mode: "docked", launcher, panel: { left, top: bottom - over, width, height: over } };
}

/** Can the viewer see this element (laid out, not hidden)? Overridable in tests. */
export type BoxOf = (element: Element) => Box | null;

/** The element's box when it is rendered with a size, else null. */
export function renderedBox(element: Element): Box | null {
  if (!element.isConnected || element.closest("[hidden]") !== null) return null;
  const rect = element.getBoundingClientRect();
  if (rect.width <= 0 || rect.height <= 0) return null;
  return { left: rect.left, top: rect.top, width: rect.width, height: rect.height };
}

/** The first of the adapter's chat rules whose column is rendered, with its input's top. */
export function findChatDock(
  adapter: SiteAdapter,
  root: ParentNode,
  boxOf: BoxOf = renderedBox,
): ChatDock | null {
  for (const rule of adapter.chatDocks) {
    const column = root.querySelector(rule.chat);
    const chat = column ? boxOf(column) : null;
    if (!column || !chat) continue;
    const input = rule.input ? column.querySelector(rule.input) : null;
    const inputBox = input ? boxOf(input) : null;
    if (rule.input && !inputBox) continue;
    const inputTop = inputBox ? inputBox.top : chat.top + chat.height - (rule.inputHeight ?? 0);
    return { chat, inputTop };
  }
  return null;
}
