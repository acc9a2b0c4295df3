import { existsSync } from "node:fs";
import { waitFor } from "@coinstream/test-harness";
import puppeteer, { type Browser, type Frame, type Page } from "puppeteer-core";
import { FIREFOX_EXTENSION_UUID, GECKO_ID } from "./extension-ids.ts";
import { panelSeen, SPENDABLE_AFTER_MS } from "./panel-visibility.ts";

export const FIREFOX = "/usr/bin/firefox-esr";

export interface FirefoxWithExtension {
  readonly browser: Browser;
  /** moz-extension://UUID/<path> */
  readonly pageUrl: (path: string) => string;
  readonly close: () => Promise<void>;
}

/**
 * Debian's Firefox ESR driven over WebDriver BiDi, with the built extension installed as a
 * temporary add-on. Firefox gives each install a random uuid for its moz-extension:// origin;
 * the `extensions.webextensions.uuids` pref pins it to FIREFOX_EXTENSION_UUID, so the API can
 * trust that origin before the browser starts. Puppeteer makes a fresh profile and removes it on
 * close.
 */
export async function launchFirefoxWithExtension(
  extensionDir: string,
): Promise<FirefoxWithExtension> {
  const uuid = FIREFOX_EXTENSION_UUID;
  const browser = await puppeteer.launch({
    browser: "firefox",
    protocol: "webDriverBiDi",
    executablePath: FIREFOX,
    headless: true,
    // Lets BiDi navigate a tab to a moz-extension:// page (refused without it).
    args: ["--remote-allow-system-access"],
    extraPrefsFirefox: {
      "extensions.webextensions.uuids": JSON.stringify({ [GECKO_ID]: uuid }),
    },
  });
  try {
    const id = await browser.installExtension(extensionDir);
    if (id !== GECKO_ID)
      throw new Error(`Firefox installed the extension as ${id}, not ${GECKO_ID}`);
  } catch (error) {
    await browser.close();
    throw error;
  }
  return {
    browser,
    pageUrl: (path) => `moz-extension://${uuid}/${path}`,
    close: () => browser.close(),
  };
}

/**
 * Opens a moz-extension:// (or any) URL in `page` and waits for its load. `page.goto()` to an
 * extension page never sees the navigation it waits for and hangs until its timeout, so this
 * goes through the frame's BiDi browsing context (Puppeteer's internal, untyped API).
 */
export async function navigate(page: Page, url: string): Promise<void> {
  const frame = page.mainFrame() as Frame & {
    readonly browsingContext?: {
      navigate: (url: string, wait?: "none" | "interactive" | "complete") => Promise<void>;
    };
  };
  if (!frame.browsingContext) throw new Error("not a WebDriver BiDi page: no browsing context");
  await frame.browsingContext.navigate(url, "complete");
}

/** Throws, saying what to install, when Debian's Firefox ESR is missing. */
export function assertFirefox(): void {
  if (!existsSync(FIREFOX)) {
    throw new Error(
      `${FIREFOX} is missing: install Debian's firefox-esr (apt-get install --no-install-recommends firefox-esr)`,
    );
  }
}

export const byTestId = (testId: string) => `[data-testid="${testId}"]`;

/** The text of the element with this test id, or null when there is none. */
export async function textOf(target: Page | Frame, testId: string): Promise<string | null> {
  const element = await target.$(byTestId(testId));
  return element ? element.evaluate((node) => node.textContent) : null;
}

/** An attribute of the element with this test id, or null when there is none. */
export async function attributeOf(
  target: Page | Frame,
  testId: string,
  attribute: string,
): Promise<string | null> {
  const element = await target.$(byTestId(testId));
  return element ? element.evaluate((node, name) => node.getAttribute(name), attribute) : null;
}

/** Adds the page's console errors and uncaught exceptions to `into`, named `name`, from now on. */
export function watchErrors(page: Page, name: string, into: string[]): void {
  page.on("console", (message) => {
    if (message.type() === "error") into.push(`${name} console: ${message.text()}`);
  });
  page.on("pageerror", (error) => into.push(`${name} uncaught: ${String(error)}`));
}

/**
 * Puppeteer reports no console or uncaught errors of a moz-extension:// frame: from now on the
 * panel keeps its own list, read back with `panelErrors`.
 */
export async function watchPanelErrors(panel: Frame): Promise<void> {
  await panel.evaluate(() => {
    const errors: string[] = [];
    (window as unknown as { panelErrors: string[] }).panelErrors = errors;
    window.addEventListener("error", (event) => errors.push(`uncaught: ${event.message}`));
    window.addEventListener("unhandledrejection", (event) =>
      errors.push(`unhandled rejection: ${String(event.reason)}`),
    );
  });
}

/** What the panel logged since `watchPanelErrors` (["not watched"] without it). */
export function panelErrors(panel: Frame): Promise<string[]> {
  return panel.evaluate(
    () => (window as unknown as { panelErrors?: string[] }).panelErrors ?? ["not watched"],
  );
}

/**
 * Where the launcher's button is on screen. Its shadow root is closed, and BiDi selectors do not
 * reach into it, so the page's own hit testing finds it: every point over it hits the host
 * element `coinstream-launcher` (shadow retargeting). Scans the viewport's bottom right, where
 * it floats, and returns the centre of the points that hit it.
 */
export async function launcherCentre(page: Page): Promise<{ x: number; y: number }> {
  const handle = await page.waitForFunction(
    () => {
      const host = document.querySelector("coinstream-launcher");
      if (!host) return null;
      const hits: [number, number][] = [];
      for (let x = window.innerWidth - 4; x > window.innerWidth / 2; x -= 6) {
        for (let y = window.innerHeight - 4; y > window.innerHeight / 2; y -= 6) {
          if (document.elementFromPoint(x, y) === host) hits.push([x, y]);
        }
      }
      if (hits.length === 0) return null;
      const xs = hits.map(([x]) => x);
      const ys = hits.map(([, y]) => y);
      return {
        x: (Math.min(...xs) + Math.max(...xs)) / 2,
        y: (Math.min(...ys) + Math.max(...ys)) / 2,
      };
    },
    { polling: 200, timeout: 20_000 },
  );
  return (await handle.jsonValue()) as { x: number; y: number };
}

/**
 * The panel's frame (the extension's page) in a tab, once the launcher opened it. Puppeteer
 * keeps a frame's URL as about:blank when it navigates to a moz-extension:// page, so each
 * child frame is asked where it is.
 */
export async function panelFrame(page: Page): Promise<Frame> {
  const prefix = `moz-extension://${FIREFOX_EXTENSION_UUID}/tabs/panel.html`;
  let panel: Frame | null = null;
  await waitFor(`the Coinstream panel frame in ${page.url()}`, 10_000, async () => {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const href = await frame.evaluate(() => location.href).catch(() => "");
      if (href.startsWith(prefix)) {
        panel = frame;
        return true;
      }
    }
    return false;
  });
  return panel as unknown as Frame;
}

/**
 * Waits until the panel accepts a spend: it refuses one until it has been on screen for a moment
 * (no reveal-and-click).
 */
export async function waitUntilSpendable(panel: Frame): Promise<void> {
  await panel.evaluate(panelSeen, { visible: true, ms: SPENDABLE_AFTER_MS, timeoutMs: 10_000 });
}
