import { existsSync } from "node:fs";
import { assertPortsFree } from "@coinstream/test-harness";
import puppeteer, { type Browser, type Frame, type Page } from "puppeteer-core";

export const FIREFOX = "/usr/bin/firefox-esr";
/** The manifest's `browser_specific_settings.gecko.id`. */
export const GECKO_ID = "coinstream@coinstream.app";

export interface FirefoxWithExtension {
  readonly browser: Browser;
  /** moz-extension://UUID/<path> */
  readonly pageUrl: (path: string) => string;
  readonly close: () => Promise<void>;
}

/**
 * Debian's Firefox ESR driven over WebDriver BiDi, with the built extension installed as a
 * temporary add-on. Firefox gives each install a random uuid for its moz-extension:// origin;
 * the `extensions.webextensions.uuids` pref pins it to `uuid`, so the API can trust that origin
 * before the browser starts. Puppeteer makes a fresh profile and removes it on close.
 */
export async function launchFirefoxWithExtension(
  extensionDir: string,
  uuid: string,
): Promise<FirefoxWithExtension> {
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

/** Fails fast, and says why: no Firefox ESR, or a fixed port already taken. */
export async function assertFirefoxReadyToRun(ports: readonly number[]): Promise<void> {
  if (!existsSync(FIREFOX)) {
    throw new Error(
      `${FIREFOX} is missing: install Debian's firefox-esr (apt-get install --no-install-recommends firefox-esr)`,
    );
  }
  await assertPortsFree(ports);
}
