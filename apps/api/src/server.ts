import { serve } from "@hono/node-server";
import { createApp } from "./app.ts";
import { loadEnv } from "./env.ts";

const env = loadEnv();
const server = serve({ fetch: createApp().fetch, hostname: env.HOST, port: env.PORT }, (info) => {
  const base = `http://${env.HOST}:${info.port}`;
  console.log(`Coinstream API listening on ${base}`);
  console.log(`  ${base}/v1/store?region=US   coin packs, value per coin`);
  console.log(`  ${base}/v1/gifts              gift catalog`);
  console.log(`  ${base}/v1/rate-card          the full versioned rate card`);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
