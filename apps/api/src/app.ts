import { Hono } from "hono";
import { rateCardRoutes } from "./routes/rate-card.ts";

/** The HTTP app, without a listening socket, so tests can call it directly. */
export function createApp(): Hono {
  return new Hono().get("/health", (c) => c.json({ ok: true })).route("/v1", rateCardRoutes);
}
