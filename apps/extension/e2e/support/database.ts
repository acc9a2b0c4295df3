import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
// The extension does not depend on the database package; the E2E borrows its embedded server.
import { startEmbeddedServer } from "../../../../packages/db/src/embedded-server.ts";

export interface E2eDatabase {
  /** The `postgres` database of a server that exists only for this run. */
  readonly url: string;
  readonly stop: () => Promise<void>;
}

/** A fresh embedded PostgreSQL in a temp dir on `port`, removed again by `stop`. */
export async function startDatabase(port: number): Promise<E2eDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), "coinstream-e2e-pg-"));
  try {
    const server = await startEmbeddedServer({ dataDir, port, persistent: false });
    return {
      url: server.url("postgres"),
      stop: async () => {
        try {
          await server.stop();
        } finally {
          await rm(dataDir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
