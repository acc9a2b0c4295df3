import cluster, { type Worker } from "node:cluster";
import { availableParallelism } from "node:os";

/**
 * `single`: one process does everything (API_WORKERS=1, tests, the fault scripts that signal
 * the server's own pid). `primary`: migrates, seeds and runs the job queue once, then keeps one
 * HTTP worker per core on the shared port. `worker`: serves HTTP only.
 */
export type ProcessRole = "single" | "primary" | "worker";

export function processRole(configuredWorkers: number | undefined): ProcessRole {
  if (cluster.isWorker) return "worker";
  return workerCount(configuredWorkers) > 1 ? "primary" : "single";
}

export function workerCount(configured: number | undefined): number {
  return configured ?? availableParallelism();
}

/** A worker that dies this soon after starting is not restarted (it would only die again). */
const MIN_UPTIME_MS = 5_000;

/**
 * Forks `count` HTTP workers with `env` added to theirs, restarts one that dies unexpectedly,
 * and calls `onListening` once with the first worker's port. `stop` asks every worker to shut
 * down gracefully (SIGTERM; one already stopping ignores it) and resolves when all have exited.
 */
export function forkWorkers(
  count: number,
  env: Record<string, string>,
  onListening: (port: number) => void,
): { stop: () => Promise<void> } {
  let stopping = false;
  let announced = false;
  const started = new Map<Worker, number>();
  const fork = () => started.set(cluster.fork(env), Date.now());
  cluster.on("listening", (_worker, address) => {
    if (announced) return;
    announced = true;
    onListening(address.port);
  });
  cluster.on("exit", (worker, code, signal) => {
    const since = started.get(worker) ?? 0;
    started.delete(worker);
    if (stopping) return;
    const reason = signal ? `signal ${signal}` : `code ${code}`;
    if (Date.now() - since < MIN_UPTIME_MS) {
      console.error(`An API worker exited at start (${reason}); not restarting it.`);
      return;
    }
    console.error(`An API worker exited (${reason}); starting another.`);
    fork();
  });
  for (let i = 0; i < count; i++) fork();
  return {
    stop: async () => {
      stopping = true;
      const alive = [...started.keys()].filter((worker) => !worker.isDead());
      await Promise.all(
        alive.map(
          (worker) =>
            new Promise<void>((resolve) => {
              worker.once("exit", () => resolve());
              worker.process.kill("SIGTERM");
            }),
        ),
      );
    },
  };
}
