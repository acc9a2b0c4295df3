import { type ChildProcess, fork } from "node:child_process";

/*
 * The load generators run in processes of their own (never inside the API, never inside the
 * process that seeds), driven by the benchmark over IPC: the parent calls a named method with
 * one argument and awaits its answer. "advanced" serialisation carries typed arrays as they are.
 */

type Methods = Record<string, (argument: never) => unknown>;

interface Request {
  readonly id: number;
  readonly method: string;
  readonly argument: unknown;
}

type Reply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: string };

/** A load generator process and how to call it. */
export interface Worker<M extends Methods> {
  readonly pid: number;
  /** Calls `method`; rejects when it throws, when the process dies, or after `timeoutMs`. */
  readonly call: <K extends keyof M & string>(
    method: K,
    argument: Parameters<M[K]>[0],
    timeoutMs?: number,
  ) => Promise<Awaited<ReturnType<M[K]>>>;
  readonly stop: () => Promise<void>;
}

/** Forks `modulePath` (a file that calls `serveWorker`) under tsx. */
export function startWorker<M extends Methods>(modulePath: string): Worker<M> {
  const child: ChildProcess = fork(modulePath, [], {
    execArgv: ["--import", "tsx"],
    serialization: "advanced",
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  child.once("exit", () => process.off("exit", killOnExit));
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  child.on("message", (message: Reply) => {
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.ok) waiter.resolve(message.value);
    else waiter.reject(new Error(message.error));
  });
  child.on("exit", (code, signal) => {
    for (const waiter of pending.values()) {
      waiter.reject(new Error(`load generator exited (${signal ?? code}) during a call`));
    }
    pending.clear();
  });
  return {
    pid: child.pid ?? 0,
    call: (method, argument, timeoutMs = 300_000) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`load generator call ${method} took over ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, {
          resolve: (value) => {
            clearTimeout(timer);
            resolve(value as never);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        });
        child.send({ id, method, argument } satisfies Request);
      }),
    // Disconnecting ends a generator (see serveWorker); one that hangs is killed.
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        child.disconnect();
      }),
  };
}

/** In a load generator process: answers the parent's calls with `methods`. */
export function serveWorker(methods: Methods): void {
  process.on("message", (request: Request) => {
    const method = methods[request.method];
    const reply = (message: Reply) => process.send?.(message);
    if (!method) {
      reply({ id: request.id, ok: false, error: `no method ${request.method}` });
      return;
    }
    Promise.resolve()
      .then(() => method(request.argument as never))
      .then(
        (value) => reply({ id: request.id, ok: true, value }),
        (error: unknown) =>
          reply({
            id: request.id,
            ok: false,
            error: error instanceof Error ? (error.stack ?? error.message) : String(error),
          }),
      );
  });
  // The parent going away ends the generator: it never outlives the benchmark.
  process.on("disconnect", () => process.exit(0));
}
