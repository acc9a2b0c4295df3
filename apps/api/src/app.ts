import type { Ledger, Sql } from "@coinstream/db";
import { trpcServer } from "@hono/trpc-server";
import { Hono } from "hono";
import { createContext } from "./trpc/context.ts";
import { appRouter } from "./trpc/root.ts";

export interface AppDependencies {
  /** The ledger database; health checks report whether it answers. */
  readonly sql?: Sql;
  readonly ledger?: Ledger;
}

/** The HTTP app, without a listening socket, so tests can call it directly. */
export function createApp(deps: AppDependencies = {}): Hono {
  return new Hono()
    .get("/health", async (c) => {
      if (!deps.sql) return c.json({ ok: true });
      try {
        await deps.sql`select 1`;
        return c.json({ ok: true, database: "up" });
      } catch {
        return c.json({ ok: false, database: "down" }, 503);
      }
    })
    .use(
      "/trpc/*",
      trpcServer({
        endpoint: "/trpc",
        router: appRouter,
        createContext: () => createContext(deps),
      }),
    );
}
