import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import {
  connect,
  createLedger,
  ensureAccounts,
  openDatabase,
  PLATFORM_OWNER,
} from "@coinstream/db";
import { serve } from "@hono/node-server";
import pino from "pino";
import { createApp } from "./app.ts";
import { createAuthDb } from "./auth/auth-db.ts";
import { createAuth } from "./auth/create-auth.ts";
import { loadOrCreateDevSecret } from "./auth/dev-secret.ts";
import { createMailer } from "./auth/mailer.ts";
import {
  DEMO_PASSWORD,
  DEMO_PEOPLE,
  demoOverlayPath,
  ensureDemoWebsite,
  seedDemo,
} from "./demo/seed-demo.ts";
import { loadEnv } from "./env.ts";
import { startJobs } from "./jobs/start-jobs.ts";
import { createPayments } from "./payments/create-payments.ts";
import { createPayoutProvider } from "./payments/payout-provider.ts";
import { StreamEventHub } from "./realtime/stream-event-hub.ts";
import { createChannelVerifierConfig } from "./services/channels/channel-verifier-config.ts";

const PLATFORM_PURPOSES = [
  "platform_coin_issuance",
  "platform_coin_revenue",
  "platform_diamond_issuance",
  "platform_payout_clearing",
] as const;
const DEV_SECRET_FILE = fileURLToPath(new URL("../../../.data/auth-secret", import.meta.url));

const env = loadEnv();
// Starts the embedded PostgreSQL unless DATABASE_URL is set, and applies migrations.
const database = await openDatabase({ url: env.DATABASE_URL });
await ensureAccounts(
  database.sql,
  PLATFORM_PURPOSES.map((purpose) => ({ ownerId: PLATFORM_OWNER, purpose })),
);
// The ledger gets connections of its own: a gift holds a connection (its per-person lock) while
// it waits for the ledger's batch, so sharing one pool could leave the ledger none under load.
const ledgerSql = connect(database.url, 8);
const ledger = createLedger(ledgerSql);
const authDb = createAuthDb(database.url);
const publicUrl = env.PUBLIC_URL ?? `http://${env.HOST}:${env.PORT}`;
const auth = createAuth({
  db: authDb.db,
  mailer: createMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM }),
  secret: env.BETTER_AUTH_SECRET ?? (await loadOrCreateDevSecret(DEV_SECRET_FILE)),
  baseURL: publicUrl,
  trustedOrigins: env.TRUSTED_ORIGINS,
});

const payments = createPayments({
  sql: database.sql,
  ledger,
  publicUrl,
  stripeSecretKey: env.STRIPE_SECRET_KEY,
  stripeWebhookSecret: env.STRIPE_WEBHOOK_SECRET,
  sandboxWebhookSecret: env.SANDBOX_WEBHOOK_SECRET ?? `whsec_${randomBytes(24).toString("hex")}`,
});

const demo = await seedDemo(database.sql, ledger, auth);
await ensureDemoWebsite(database.sql, publicUrl);
const demoOverlay = await demoOverlayPath(database.sql);
// Recurring work (releasing held diamonds, voiding expired reservations) on the Postgres queue.
const jobs = await startJobs(database.url, {
  sql: database.sql,
  ledger,
  // Stripe Connect transfers when STRIPE_SECRET_KEY is set, else the sandbox.
  payouts: createPayoutProvider({ stripeSecretKey: env.STRIPE_SECRET_KEY }),
});
const events = new StreamEventHub(database.sql);
await events.start();

const app = createApp({
  sql: database.sql,
  ledger,
  auth,
  payments,
  events,
  publicUrl,
  channelVerifier: createChannelVerifierConfig({
    platformUrls: env.CHANNEL_PLATFORM_URLS,
    timeoutMs: env.CHANNEL_FETCH_TIMEOUT_MS,
    maxBytes: env.CHANNEL_FETCH_MAX_BYTES,
    trustedOrigins: env.CHANNEL_FETCH_TRUSTED_ORIGINS,
  }),
  logger: pino({ name: "coinstream-api" }),
  trustedOrigins: env.TRUSTED_ORIGINS,
  requestsPerMinutePerAddress: env.REQUESTS_PER_MINUTE_PER_ADDRESS,
});
const server = serve({ fetch: app.fetch, hostname: env.HOST, port: env.PORT }, (info) => {
  const base = `http://${env.HOST}:${info.port}`;
  console.log(`Coinstream API listening on ${base}`);
  console.log(
    `  database: ${env.DATABASE_URL ? "DATABASE_URL" : "embedded PostgreSQL (data in .data/postgres)"}, migrated`,
  );
  console.log(`  ${base}/trpc          typed procedures (see the README's table)`);
  console.log(`  ${base}/api/auth/*    accounts: sign-up, sign-in, verify-email, reset-password`);
  console.log(`  ${base}/health        liveness and database check`);
  console.log(`  ${base}/demo/stream/nova  a demo stream page (coinstream:creator meta tag)`);
  if (demoOverlay) console.log(`  ${base}${demoOverlay}  @nova's OBS overlay (live, goal set)`);
  console.log(
    `  demo logins (${demo === "seeded" ? "created now" : "already present"}), password "${DEMO_PASSWORD}":`,
  );
  console.log(`    viewer  ${DEMO_PEOPLE.viewer.email} (${DEMO_PEOPLE.viewer.coins} coins)`);
  for (const creator of DEMO_PEOPLE.creators) {
    console.log(`    creator ${creator.email} (@${creator.handle}, ${creator.url})`);
  }
  if (!env.SMTP_URL)
    console.log("  email: not configured; verification and reset links are logged here");
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () =>
    server.close(
      () =>
        void jobs
          .stop()
          .then(() => events.stop())
          .then(() => Promise.all([authDb.close(), ledgerSql.end()]))
          .then(() => database.close())
          .then(() => process.exit(0)),
    ),
  );
}
