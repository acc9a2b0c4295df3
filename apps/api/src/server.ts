import { createLedger, ensureAccounts, openDatabase, PLATFORM_OWNER } from "@coinstream/db";
import { serve } from "@hono/node-server";
import { createApp } from "./app.ts";
import { loadEnv } from "./env.ts";

const PLATFORM_PURPOSES = [
  "platform_coin_issuance",
  "platform_coin_revenue",
  "platform_diamond_issuance",
  "platform_payout_clearing",
] as const;

const env = loadEnv();
// Starts the embedded PostgreSQL unless DATABASE_URL is set, and applies migrations.
const database = await openDatabase({ url: env.DATABASE_URL });
await ensureAccounts(
  database.sql,
  PLATFORM_PURPOSES.map((purpose) => ({ ownerId: PLATFORM_OWNER, purpose })),
);
const ledger = createLedger(database.sql);

const app = createApp({ sql: database.sql, ledger });
const server = serve({ fetch: app.fetch, hostname: env.HOST, port: env.PORT }, (info) => {
  const base = `http://${env.HOST}:${info.port}`;
  console.log(`Coinstream API listening on ${base}`);
  console.log(
    `  database: ${env.DATABASE_URL ? "DATABASE_URL" : "embedded PostgreSQL (data in .data/postgres)"}, migrated`,
  );
  console.log(`  ${base}/trpc      typed procedures (store.packs, gifts.catalog, gifts.preview)`);
  console.log(`  ${base}/health    liveness and database check`);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.close(() => void database.close().then(() => process.exit(0))));
}
