import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedServer } from "../src/embedded-server.ts";
import { freePort } from "./free-port.ts";

/**
 * The database suites run against DATABASE_URL when it is set (CI sets it to the machine's
 * PostgreSQL 15), otherwise against an embedded PostgreSQL 18 started for this run.
 */
export default async function setup(project: TestProject) {
  const external = process.env.DATABASE_URL;
  if (external) {
    project.provide("adminUrl", external);
    return;
  }
  const dataDir = await mkdtemp(join(tmpdir(), "coinstream-pg-"));
  const server = await startEmbeddedServer({ dataDir, port: await freePort(), persistent: false });
  project.provide("adminUrl", server.url("postgres"));
  return async () => {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
