import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { connect } from "@coinstream/db";
import { createTestDatabase, type TestDatabase } from "@coinstream/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SseReader } from "../test-support/sse-reader.ts";

const API_DIR = fileURLToPath(new URL("../..", import.meta.url));

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase(inject("adminUrl"));
});
afterAll(() => db.drop());

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `src/server.ts` as `pnpm start` runs it, with its output collected. */
async function startServer(workers: number) {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: API_DIR,
    env: {
      ...process.env,
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_URL: db.url,
      BETTER_AUTH_SECRET: randomBytes(32).toString("hex"),
      API_WORKERS: String(workers),
      // The stream followed below is the demo creator's (@nova).
      SEED_DEMO: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = { stdout: "", stderr: "" };
  child.stdout?.on("data", (chunk) => (output.stdout += chunk));
  child.stderr?.on("data", (chunk) => (output.stderr += chunk));
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  const base = `http://127.0.0.1:${port}`;
  for (let waited = 0; ; waited += 200) {
    if (child.exitCode !== null) throw new Error(`the server exited:\n${output.stderr}`);
    if (waited > 150_000) throw new Error(`the server did not start:\n${output.stderr}`);
    const ok = await fetch(`${base}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { child, base, output, exited };
}

describe("SIGTERM", () => {
  it.each([1, 2])(
    "lets a request in flight finish, ends SSE streams with a resumable id and exits 0 without a stack dump (API_WORKERS=%i)",
    async (workers) => {
      const server = await startServer(workers);
      const sse = new SseReader(`${server.base}/streams/nova/events`);
      await sse.open();
      await sse.until(() => sse.blocks.some((b) => b.event === "connected"), "connected");

      // A request held in flight: its query waits on a lock this test holds.
      const admin = connect(db.url, 1);
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      let locked = () => {};
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      const lock = admin.begin(async (tx) => {
        await tx`lock table creators in access exclusive mode`;
        locked();
        await held;
      });
      await isLocked;
      const inFlight = fetch(`${server.base}/overlay/${"A".repeat(32)}/state`);
      await new Promise((resolve) => setTimeout(resolve, 300));

      server.child.kill("SIGTERM");
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(server.child.exitCode).toBeNull();
      release();
      await lock;
      await admin.end();
      expect((await inFlight).status).toBe(404);

      expect(await server.exited).toBe(0);
      await sse.until(() => sse.ended, "the SSE stream to end");
      expect(sse.lastEventId()).toMatch(/^c1\./);
      expect(server.output.stderr).not.toMatch(/^\s+at /m);
      expect(server.output.stderr).not.toMatch(/error/i);
    },
    240_000,
  );
});
