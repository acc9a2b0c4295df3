import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { CHROMIUM } from "./browser.ts";

/**
 * Fails fast, and says why, when the run cannot be trusted: no Chromium, or a fixed port
 * already taken (a leftover API on it would answer /health and the run would test the wrong server).
 */
export async function assertReadyToRun(ports: readonly number[]): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)`);
  }
  await assertPortsFree(ports);
}

/** Throws when one of `ports` is taken on 127.0.0.1. */
export async function assertPortsFree(ports: readonly number[]): Promise<void> {
  for (const port of ports) {
    if (!(await isPortFree(port))) {
      throw new Error(`port ${port} is in use: stop what listens there (a leftover E2E run?)`);
    }
  }
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}
