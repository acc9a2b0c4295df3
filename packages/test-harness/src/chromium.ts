import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

/** Debian's Chromium (`apt-get install chromium`); never Playwright's own download. */
export const CHROMIUM = "/usr/bin/chromium";

/**
 * Every Chromium run's flags: the new headless mode (the only one that loads extensions), no
 * sandbox (containers run as root), and nothing that phones home or updates itself mid-run.
 */
export const CHROMIUM_FLAGS: readonly string[] = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Throws, saying what to install, when Debian's Chromium is missing. */
export function assertChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)`);
  }
}

/** A plain headless Chromium (no extension, no profile to keep). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_FLAGS] });
}

export interface ExtensionBrowser {
  readonly context: BrowserContext;
  /** The id Chromium gave the extension: the host of its service worker's URL. */
  readonly extensionId: string;
  /** chrome-extension://ID/<path> */
  readonly pageUrl: (path: string) => string;
  /** Console errors of the background service worker since launch. */
  readonly backgroundErrors: readonly string[];
  readonly close: () => Promise<void>;
}

/**
 * Chromium with the unpacked extension in `extensionDir` loaded, in a fresh profile of its own
 * (each one is a separate person's browser). `hostRules` maps real host names to local servers.
 */
export async function launchWithExtension(
  extensionDir: string,
  options: { readonly hostRules?: string } = {},
): Promise<ExtensionBrowser> {
  const profileDir = await mkdtemp(join(tmpdir(), "coinstream-chromium-profile-"));
  const args = [
    ...CHROMIUM_FLAGS,
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
  ];
  if (options.hostRules) args.push(`--host-resolver-rules=${options.hostRules}`);
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 800 },
      // Stand-ins for https-only hosts (youtube.com) use a self-signed certificate.
      ignoreHTTPSErrors: true,
      args,
    });
  } catch (error) {
    await rm(profileDir, { recursive: true, force: true });
    throw error;
  }
  const close = async () => {
    try {
      await context.close();
    } finally {
      await rm(profileDir, { recursive: true, force: true });
    }
  };
  try {
    const worker =
      context.serviceWorkers()[0] ??
      (await context.waitForEvent("serviceworker", { timeout: 15_000 }));
    const extensionId = new URL(worker.url()).host;
    const backgroundErrors: string[] = [];
    worker.on("console", (message) => {
      if (message.type() === "error") backgroundErrors.push(message.text());
    });
    return {
      context,
      extensionId,
      pageUrl: (path) => `chrome-extension://${extensionId}/${path}`,
      backgroundErrors,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Console errors and uncaught exceptions on a page, from the moment it is watched. */
export function watchErrors(page: Page): { readonly errors: string[] } {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") {
      errors.push(`console: ${message.text()} (${message.location().url})`);
    }
  });
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  return { errors };
}
