import { waitFor } from "@coinstream/test-harness";
import type { BrowserContext, Frame, Locator, Page } from "playwright-core";
import { flagKey } from "../../src/gift-bar/lib/hidden-sites.ts";
import { CHROME_EXTENSION_ID } from "./extension-ids.ts";
import { GUARD_SAW_HIDDEN_AFTER_MS, panelSeen, SPENDABLE_AFTER_MS } from "./panel-visibility.ts";

/** What the extension's pages and the panel mark for tests: `[data-testid="…"]`. */
export const byTestId = (target: Page | Frame | Locator, testId: string) =>
  target.locator(`[data-testid="${testId}"]`);

/** The panel's send status once the API took the send. */
export const sentStatus = (bar: Locator) =>
  bar.locator('[data-testid="send-status"][data-state="sent"]');

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

interface CdpNode {
  readonly backendNodeId: number;
  readonly nodeType: number;
  readonly nodeValue?: string;
  readonly attributes?: string[];
  readonly children?: CdpNode[];
  readonly shadowRoots?: CdpNode[];
}

/**
 * The extension's own elements in the page sit in closed shadow roots, which neither the page
 * nor Playwright's selectors reach; the DevTools protocol (what a person's eyes stand in for here)
 * does. Finds the first element with this test id.
 */
async function findInClosedShadow(page: Page, testId: string): Promise<CdpNode | null> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send("DOM.getDocument", { depth: -1, pierce: true })) as {
      root: CdpNode;
    };
    const stack: CdpNode[] = [root];
    while (stack.length > 0) {
      const node = stack.pop() as CdpNode;
      const attributes = node.attributes ?? [];
      for (let i = 0; i < attributes.length; i += 2) {
        if (attributes[i] === "data-testid" && attributes[i + 1] === testId) return node;
      }
      stack.push(...(node.shadowRoots ?? []), ...(node.children ?? []));
    }
    return null;
  } finally {
    await cdp.detach();
  }
}

/** Where the element with this test id in a closed shadow root is on screen, or null. */
export async function closedShadowBox(page: Page, testId: string): Promise<Box | null> {
  const node = await findInClosedShadow(page, testId);
  if (!node) return null;
  const cdp = await page.context().newCDPSession(page);
  try {
    const { model } = (await cdp.send("DOM.getBoxModel", {
      backendNodeId: node.backendNodeId,
    })) as { model: { border: number[] } };
    const [x1 = 0, y1 = 0, , , x3 = 0, y3 = 0] = model.border;
    return { x: x1, y: y1, width: x3 - x1, height: y3 - y1 };
  } catch {
    return null;
  } finally {
    await cdp.detach();
  }
}

/** The box of the element with this test id in a closed shadow root, once it has one. */
export async function waitForClosedShadow(page: Page, testId: string): Promise<Box> {
  let box: Box | null = null;
  await waitFor(
    `${testId} on ${page.url()}`,
    20_000,
    async () => {
      box = await closedShadowBox(page, testId);
      return box !== null && box.width > 0;
    },
    200,
  );
  return box as unknown as Box;
}

/** The text of an element in a closed shadow root ("" when there is none). */
export async function closedShadowText(page: Page, testId: string): Promise<string> {
  const node = await findInClosedShadow(page, testId);
  const texts: string[] = [];
  const stack = node ? [node] : [];
  while (stack.length > 0) {
    const next = stack.shift() as CdpNode;
    if (next.nodeType === 3) texts.push(next.nodeValue ?? "");
    stack.unshift(...(next.children ?? []));
  }
  return texts.join("");
}

/** A real click in the middle of the element with this test id in a closed shadow root. */
async function clickClosedShadow(page: Page, testId: string): Promise<void> {
  const box = await waitForClosedShadow(page, testId);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

export const hasPanel = (page: Page) =>
  page.frames().some((frame) => frame.url().includes("/tabs/panel.html"));

/** The panel's frame (the extension's page) inside a tab, once the launcher opened it. */
export function panelFrame(page: Page): Frame {
  const frame = page
    .frames()
    .find((candidate) =>
      candidate.url().startsWith(`chrome-extension://${CHROME_EXTENSION_ID}/tabs/panel.html`),
    );
  if (!frame) throw new Error(`no Coinstream panel in ${page.url()}`);
  return frame;
}

/** The extension's background worker in this page's browser, to read and set its storage. */
function backgroundWorker(context: BrowserContext) {
  const worker = context.serviceWorkers()[0];
  if (!worker) throw new Error("no background service worker to read the extension's storage");
  return worker;
}

/**
 * Whether the viewer left the panel open on this page's site: the launcher then opens it again
 * by itself, once it has read that choice from the extension's storage.
 */
async function isRememberedOpen(page: Page): Promise<boolean> {
  return backgroundWorker(page.context()).evaluate(
    async (key) => (await chrome.storage.local.get(key))[key] === true,
    flagKey(new URL(page.url()).hostname, "open"),
  );
}

/**
 * Forgets that the panel was left open on this host, so its next page starts with the launcher
 * closed (sites on one host, 127.0.0.1 here, share the remembered choice).
 */
export async function forgetPanelOpen(context: BrowserContext, hostname: string): Promise<void> {
  await backgroundWorker(context).evaluate(
    async (key) => chrome.storage.local.remove(key),
    flagKey(hostname, "open"),
  );
}

/**
 * Opens the panel with a real click on the launcher, as the viewer would, and returns its frame;
 * a panel the viewer left open on this site opens by itself (a click would shut it).
 */
export async function openPanel(page: Page): Promise<Frame> {
  if (!hasPanel(page) && !(await isRememberedOpen(page))) {
    await clickClosedShadow(page, "open-panel");
  }
  await waitFor(`the Coinstream panel in ${page.url()}`, 20_000, () => hasPanel(page));
  const frame = panelFrame(page);
  await frame.waitForLoadState();
  return frame;
}

/** Closes the panel with a real click on the launcher, if it is open. */
export async function closePanel(page: Page): Promise<void> {
  if (!hasPanel(page)) return;
  await clickClosedShadow(page, "open-panel");
  await waitFor(`the Coinstream panel in ${page.url()} to close`, 5_000, () => !hasPanel(page));
}

/**
 * Waits until the panel accepts a spend: it refuses one until it has been fully visible for a
 * moment (no reveal-and-click).
 */
export async function waitUntilSpendable(panel: Frame): Promise<void> {
  await panel.evaluate(panelSeen, { visible: true, ms: SPENDABLE_AFTER_MS, timeoutMs: 10_000 });
}

/** Waits until the panel's spend guard has seen that the page covers, fades or hides it. */
export async function waitUntilSeenHidden(panel: Frame): Promise<void> {
  await panel.evaluate(panelSeen, {
    visible: false,
    ms: GUARD_SAW_HIDDEN_AFTER_MS,
    timeoutMs: 10_000,
  });
}
