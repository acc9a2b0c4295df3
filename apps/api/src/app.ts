import type { Sql } from "@coinstream/db";
import { Hono } from "hono";
import { rateCardRoutes } from "./routes/rate-card.ts";

export interface AppDependencies {
  /** The ledger database; health checks report whether it answers. */
  readonly sql?: Sql;
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
    .route("/v1", rateCardRoutes);
}
