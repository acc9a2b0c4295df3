import type { SpendConfirmationRequest, SpendConfirmationResult } from "../messaging/contract.ts";
import { type Caller, CONFIRM_PAGE } from "./access.ts";
import type { SpendSummary } from "./spend-gate.ts";

/** How long a confirmation window waits for the viewer before the spend is dropped. */
export const CONFIRM_TIMEOUT_MS = 120_000;

export interface WindowsApi {
  create(options: {
    url: string;
    type: "popup";
    width: number;
    height: number;
    focused: boolean;
  }): Promise<{ id?: number | undefined; tabs?: { id?: number | undefined }[] | undefined }>;
  remove(windowId: number): Promise<void>;
}

interface Pending {
  readonly summary: SpendSummary;
  readonly decide: (approved: boolean) => void;
  windowId?: number | undefined;
  tabId?: number | undefined;
}

/**
 * Spend confirmations in a popup window of the extension's own page (tabs/confirm.html, which
 * is not web-accessible, so no page can frame or open it): one window per spend, answered only
 * by the page in that window's tab; closing it or waiting too long cancels.
 */
export function createConfirmWindows(deps: {
  readonly windows: WindowsApi;
  readonly pageUrl: (path: string) => string;
  readonly newId: () => string;
  readonly setTimeout: (handler: () => void, ms: number) => unknown;
}) {
  const pending = new Map<string, Pending>();

  const settle = (id: string, approved: boolean) => {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    entry.decide(approved);
    if (entry.windowId !== undefined) void deps.windows.remove(entry.windowId).catch(() => {});
  };

  async function confirmInWindow(summary: SpendSummary, _caller: Caller): Promise<boolean> {
    const id = deps.newId();
    const decision = new Promise<boolean>((resolve) => {
      pending.set(id, { summary, decide: resolve });
    });
    try {
      const created = await deps.windows.create({
        url: deps.pageUrl(`${CONFIRM_PAGE}#${id}`),
        type: "popup",
        width: 380,
        height: 440,
        focused: true,
      });
      const entry = pending.get(id);
      if (entry) {
        entry.windowId = created.id;
        entry.tabId = created.tabs?.[0]?.id;
      }
    } catch {
      settle(id, false);
    }
    deps.setTimeout(() => settle(id, false), CONFIRM_TIMEOUT_MS);
    return decision;
  }

  /** The `spend-confirmation` message, from the confirmation page in the window made for it. */
  function handleMessage(
    caller: Caller,
    request: SpendConfirmationRequest,
  ): SpendConfirmationResult {
    const entry = typeof request?.id === "string" ? pending.get(request.id) : undefined;
    if (!entry || caller.kind !== "confirm" || caller.tabId !== entry.tabId) {
      return { ok: false };
    }
    if (request.action === "get") return { ok: true, summary: entry.summary };
    settle(request.id, request.action === "approve");
    return { ok: true, summary: entry.summary };
  }

  /** A window closed: its spend, if still waiting, is cancelled. */
  function onWindowRemoved(windowId: number): void {
    for (const [id, entry] of pending) if (entry.windowId === windowId) settle(id, false);
  }

  return { confirmInWindow, handleMessage, onWindowRemoved };
}
