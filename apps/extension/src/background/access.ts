import { parseStreamUrl } from "@coinstream/core";
import type { AuthRequest, ProcedurePath } from "../messaging/contract.ts";

/*
 * Who may ask the background for what. Every message is answered for the context that sent it,
 * told apart by what Chromium stamps on the message (never by anything in its body): the page
 * panel (the extension's own frame inside a tab), the content script (runs in the host page's
 * renderer, so it is trusted no more than the page), the popup, the dashboard (options page) and
 * the spend confirmation window.
 */

/** The part of chrome.runtime.MessageSender the checks read. */
export interface SenderLike {
  readonly id?: string | undefined;
  readonly url?: string | undefined;
  readonly origin?: string | undefined;
  readonly frameId?: number | undefined;
  readonly tab?:
    | { readonly id?: number | undefined; readonly url?: string | undefined }
    | undefined;
}

export type Caller =
  | { readonly kind: "popup" }
  | { readonly kind: "dashboard" }
  /** The extension frame in a tab: `pageUrl` is the tab's (top-level) address, set by Chromium. */
  | { readonly kind: "panel"; readonly tabId: number; readonly pageUrl: string }
  /** The content script in a tab's top frame. */
  | { readonly kind: "content"; readonly tabId: number; readonly pageUrl: string }
  | { readonly kind: "confirm"; readonly tabId: number }
  /** The welcome page the extension opens on install, in a tab of its own. */
  | { readonly kind: "welcome" }
  | { readonly kind: "unknown" };

export type CallerKind = Caller["kind"];

export const PANEL_PAGE = "tabs/panel.html";
export const CONFIRM_PAGE = "tabs/confirm.html";
export const WELCOME_PAGE = "tabs/welcome.html";

const UNKNOWN: Caller = { kind: "unknown" };

/**
 * Which context sent a message, from its sender; anything unexpected is `unknown`.
 * `extensionBaseUrl` is `chrome.runtime.getURL("")`: Chromium's origin follows from the id,
 * Firefox's moz-extension:// origin has a uuid of its own per install.
 */
export function identifyCaller(
  sender: SenderLike,
  extensionId: string,
  extensionBaseUrl = `chrome-extension://${extensionId}/`,
): Caller {
  if (sender.id !== extensionId || !sender.url) return UNKNOWN;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return UNKNOWN;
  }
  // Compared as text: URL's `origin` of a chrome-extension: address is "null" outside Chromium.
  const extensionOrigin = extensionBaseUrl.replace(/\/+$/, "");
  const tab = sender.tab;
  const fromExtension =
    sender.url.startsWith(`${extensionOrigin}/`) &&
    (sender.origin === undefined || sender.origin === extensionOrigin);
  if (fromExtension) {
    const page = url.pathname.replace(/^\/+/, "");
    if (page === "popup.html") return { kind: "popup" };
    if (page === "options.html") return { kind: "dashboard" };
    if (page === PANEL_PAGE) {
      // Only as a frame inside a web page's tab: that page's address is what gifts are checked against.
      const pageUrl = tab?.url;
      if (tab?.id === undefined || !pageUrl || !sender.frameId || !isWebUrl(pageUrl)) {
        return UNKNOWN;
      }
      return { kind: "panel", tabId: tab.id, pageUrl };
    }
    if (page === CONFIRM_PAGE && tab?.id !== undefined && sender.frameId === 0) {
      return { kind: "confirm", tabId: tab.id };
    }
    // Its own tab's top frame, never framed (it is not web-accessible, so no page can frame it).
    if (page === WELCOME_PAGE && tab?.id !== undefined && sender.frameId === 0) {
      return { kind: "welcome" };
    }
    return UNKNOWN;
  }
  // A web origin: only the content script (top frame of a tab) messages the background.
  if (
    tab?.id !== undefined &&
    sender.frameId === 0 &&
    isWebUrl(sender.url) &&
    (sender.origin === undefined || sender.origin === url.origin)
  ) {
    return { kind: "content", tabId: tab.id, pageUrl: sender.url };
  }
  return UNKNOWN;
}

function isWebUrl(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

/** Public stream facts: what the launcher and the animation layer need, nothing private. */
const PUBLIC_PROCEDURES = ["streams.resolve", "gifts.catalog"];

/**
 * The launcher: public stream facts, and that its page is live (`streams.reportLive`, for the
 * tab's own creator only, once a minute per tab: see handle-caller-request.ts).
 */
const CONTENT_PROCEDURES: ReadonlySet<string> = new Set([
  ...PUBLIC_PROCEDURES,
  "streams.reportLive",
]);

/** The page panel: the wallet's balance, the stream, previews, gifts and tips. */
const PANEL_PROCEDURES: ReadonlySet<string> = new Set([
  ...PUBLIC_PROCEDURES,
  "wallet.get",
  "gifts.preview",
  "gifts.send",
  "tips.send",
  // The viewer's own cosmetics: the tip form offers the stickers they own.
  "profile.get",
  "streams.leaderboard",
  "sessions.current",
  // Reporting the panel's creator to the admins (moves nothing).
  "reports.create",
]);

/** The welcome page: only what its sign-up form shows (the guidelines to accept; public). */
const WELCOME_PROCEDURES: ReadonlySet<string> = new Set(["guidelines.current"]);

/** Procedures that spend the viewer's coins from the panel (they go through the spend guard). */
export const SPEND_PROCEDURES: ReadonlySet<string> = new Set(["gifts.send", "tips.send"]);

/**
 * May this context call this procedure? The popup and the dashboard may call anything the API
 * lets the signed-in person do (withdrawals, payout methods, limits, guardians, the account);
 * the panel and the content script only their short lists; anything else nothing.
 */
export function mayCall(caller: Caller, path: ProcedurePath | string): boolean {
  switch (caller.kind) {
    case "popup":
    case "dashboard":
      return true;
    case "panel":
      return PANEL_PROCEDURES.has(path);
    case "content":
      return CONTENT_PROCEDURES.has(path);
    case "welcome":
      return WELCOME_PROCEDURES.has(path);
    default:
      return false;
  }
}

/**
 * The `auth` message: signing in, up and out only from the popup, the dashboard and the welcome
 * page; the panel may ask who is signed in (it shows the balance and the sign-in hint). The
 * content script may not: the page would learn the viewer's name.
 */
export function mayAuth(caller: Caller, action: AuthRequest["action"] | string): boolean {
  if (caller.kind === "popup" || caller.kind === "dashboard" || caller.kind === "welcome") {
    return true;
  }
  return caller.kind === "panel" && action === "status";
}

/** Opening a tab (checkout pages): the popup and the dashboard. */
export function mayOpenTab(caller: Caller): boolean {
  return caller.kind === "popup" || caller.kind === "dashboard";
}

/** Following a stream's public events: any extension context, the content script included. */
export function mayFollowStreams(caller: Caller): boolean {
  return caller.kind !== "unknown" && caller.kind !== "confirm" && caller.kind !== "welcome";
}

type Target = { readonly url: string } | { readonly handle: string; readonly origin?: string };

/**
 * The stream target a tab's context may name: a declared handle always carries the tab's own
 * origin (so the API honours it only on that creator's verified website), and a platform URL must
 * be the platform and channel of the tab's page. Returns the target to send, or null to refuse.
 */
export function scopeTarget(target: unknown, pageUrl: string): Target | null {
  if (typeof target !== "object" || target === null) return null;
  const value = target as Record<string, unknown>;
  if (typeof value.handle === "string") {
    return { handle: value.handle, origin: new URL(pageUrl).origin };
  }
  if (typeof value.url === "string") {
    const wanted = parseStreamUrl(value.url);
    const page = parseStreamUrl(pageUrl);
    if (!wanted || !page || wanted.platform !== page.platform) return null;
    // A video page names its channel in the page (YouTube's owner link), not in its address.
    if (page.channel !== null && page.channel !== wanted.channel) return null;
    return { url: value.url };
  }
  return null;
}

/**
 * A tab context's procedure input with its stream target scoped to the tab (see scopeTarget);
 * null when the target is not the tab's. Inputs without a target pass unchanged.
 */
export function scopeInput(path: string, input: unknown, pageUrl: string): unknown | null {
  if (path === "streams.resolve") return scopeTarget(input, pageUrl);
  if (typeof input !== "object" || input === null || !("to" in input)) return input;
  const { to } = input as { to: unknown };
  if (to === undefined) return input;
  const scoped = scopeTarget(to, pageUrl);
  return scoped === null ? null : { ...input, to: scoped };
}
