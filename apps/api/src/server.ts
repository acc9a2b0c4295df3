import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import { fileURLToPath } from "node:url";
import {
  connect,
  createLedger,
  EmbeddedServerError,
  ensureAccounts,
  openDatabase,
  PLATFORM_OWNER,
} from "@coinstream/db";
import { serve } from "@hono/node-server";
import { createApp } from "./app.ts";
import { createAuthDb } from "./auth/auth-db.ts";
import { createAuth } from "./auth/create-auth.ts";
import { loadOrCreateDevSecret } from "./auth/dev-secret.ts";
import { createMailer } from "./auth/mailer.ts";
import { ProcessCaches } from "./caches/process-caches.ts";
import {
  DEMO_PASSWORD,
  DEMO_PEOPLE,
  demoOverlayPath,
  ensureDemoWebsite,
  seedDemo,
} from "./demo/seed-demo.ts";
import { loadEnvOrExit } from "./env.ts";
import { startJobs } from "./jobs/start-jobs.ts";
import { createPayments } from "./payments/create-payments.ts";
import { createPayoutProvider } from "./payments/payout-provider.ts";
import { API_POOL_CONNECTIONS, LEDGER_POOL_CONNECTIONS } from "./pool-sizes.ts";
import { forkWorkers, processRole, workerCount } from "./process/cluster.ts";
import { createLogger } from "./process/create-logger.ts";
import { drainHttp, onShutdownSignal } from "./process/graceful-shutdown.ts";
import { setStreamEventAnnouncer } from "./realtime/announce-stream-events.ts";
import { StreamEventHub } from "./realtime/stream-event-hub.ts";
import { NatsWakes } from "./realtime/stream-wakes.ts";
import { createChannelVerifierConfig } from "./services/channels/channel-verifier-config.ts";

const PLATFORM_PURPOSES = [
  "platform_coin_issuance",
  "platform_coin_revenue",
  "platform_diamond_issuance",
  "platform_payout_clearing",
] as const;
const DEV_SECRET_FILE = fileURLToPath(new URL("../../../.data/auth-secret", import.meta.url));

// A missing or bad setting (production needs several) stops here with one line each.
const env = loadEnvOrExit();
// One process per core (API_WORKERS): the primary prepares the database and runs the jobs once.
const role = processRole(env.API_WORKERS);
// Starts the embedded PostgreSQL unless DATABASE_URL is set (a worker gets the primary's), and
// applies migrations.
const database = await openDatabase({
  url: env.DATABASE_URL,
  maxConnections: API_POOL_CONNECTIONS,
  migrate: role !== "worker",
}).catch((error: unknown) => {
  if (!(error instanceof EmbeddedServerError)) throw error;
  console.error(error.message); // one line: what failed and what to do
  process.exit(1);
});
if (role !== "worker") {
  await ensureAccounts(
    database.sql,
    PLATFORM_PURPOSES.map((purpose) => ({ ownerId: PLATFORM_OWNER, purpose })),
  );
}
// The ledger gets connections of its own (its writers each reserve one for a batch), so requests
// queueing on the main pool never leave the ledger without one.
const ledgerSql = connect(database.url, LEDGER_POOL_CONNECTIONS);
const ledger = createLedger(ledgerSql);
const authDb = createAuthDb(database.url);
const publicUrl = env.PUBLIC_URL ?? `http://${env.HOST}:${env.PORT}`;
const auth = createAuth({
  db: authDb.db,
  mailer: createMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM }),
  secret: env.BETTER_AUTH_SECRET ?? (await loadOrCreateDevSecret(DEV_SECRET_FILE)),
  baseURL: publicUrl,
  trustedOrigins: env.TRUSTED_ORIGINS,
  rateLimit: {
    attemptsPerMinutePerAddress: env.AUTH_ATTEMPTS_PER_MINUTE_PER_ADDRESS,
    requestsPerMinutePerAddress: env.REQUESTS_PER_MINUTE_PER_ADDRESS,
  },
});

// Random per start unless set; workers get the primary's, so any of them verifies the sandbox's events.
const sandboxWebhookSecret =
  env.SANDBOX_WEBHOOK_SECRET ?? `whsec_${randomBytes(24).toString("hex")}`;
const payments = createPayments({
  sql: database.sql,
  ledger,
  publicUrl,
  ...(env.payments === "stripe"
    ? { stripeSecretKey: env.STRIPE_SECRET_KEY, stripeWebhookSecret: env.STRIPE_WEBHOOK_SECRET }
    : {}),
  sandboxWebhookSecret,
});

// Demo accounts (published password, free coins) only when asked for: `pnpm start` sets SEED_DEMO=1.
const demo = env.seedDemo && role !== "worker" ? await seedDemo(database.sql, ledger, auth) : null;
// The demo stream page's origin (this API's) is @nova's verified website.
if (demo) await ensureDemoWebsite(database.sql, publicUrl);
const demoOverlay = demo ? await demoOverlayPath(database.sql) : null;
// Recurring work (releasing held diamonds, voiding expired reservations) on the Postgres queue.
const jobs =
  role === "worker"
    ? null
    : await startJobs(database.url, {
        sql: database.sql,
        ledger,
        // Stripe Connect transfers when STRIPE_SECRET_KEY is set, else the sandbox.
        payouts: createPayoutProvider({
          stripeSecretKey: env.payments === "stripe" ? env.STRIPE_SECRET_KEY : undefined,
        }),
      });
/** Closes what every role opened, after its own work stopped. */
const closeConnections = async () => {
  await Promise.all([authDb.close(), ledgerSql.end()]);
  await database.close();
};

if (role === "primary") {
  const count = workerCount(env.API_WORKERS);
  const workers = forkWorkers(
    count,
    { DATABASE_URL: database.url, SANDBOX_WEBHOOK_SECRET: sandboxWebhookSecret },
    (port) => printBanner(port, `${count} worker processes`),
  );
  onShutdownSignal(async () => {
    await Promise.all([workers.stop(), jobs?.stop()]);
    await closeConnections();
  });
} else {
  await serveHttp();
}

/** This process serves HTTP: the stream-event hub, the app, and its graceful shutdown. */
async function serveHttp() {
  // Stream events cross processes through NATS when NATS_URL is set, else Postgres NOTIFY.
  const wakes = env.NATS_URL ? new NatsWakes(env.NATS_URL) : undefined;
  if (wakes) setStreamEventAnnouncer(wakes);
  const events = new StreamEventHub(database.sql, wakes ? { wakes } : {});
  await events.start();
  // Sessions and creator resolution, dropped in every process by the database's NOTIFY.
  const caches = new ProcessCaches(database.sql);
  await caches.start();

  const app = createApp({
    sql: database.sql,
    ledger,
    auth,
    caches,
    payments,
    events,
    publicUrl,
    channelVerifier: createChannelVerifierConfig({
      platformUrls: env.CHANNEL_PLATFORM_URLS,
      timeoutMs: env.CHANNEL_FETCH_TIMEOUT_MS,
      maxBytes: env.CHANNEL_FETCH_MAX_BYTES,
      trustedOrigins: env.CHANNEL_FETCH_TRUSTED_ORIGINS,
    }),
    logger: createLogger(),
    trustedOrigins: env.TRUSTED_ORIGINS,
    requestsPerMinutePerAddress: env.REQUESTS_PER_MINUTE_PER_ADDRESS,
    clientAddressHeader: env.CLIENT_ADDRESS_HEADER,
    signInFailuresBeforeBackoff: env.SIGN_IN_FAILURES_BEFORE_BACKOFF,
    demoPages: env.seedDemo,
  });
  const server = serve({ fetch: app.fetch, hostname: env.HOST, port: env.PORT }, (info) => {
    if (role === "single") printBanner(info.port, "one process");
  });
  onShutdownSignal(async () => {
    // Stop accepting, end SSE streams (each has its resumable id), let requests in flight finish.
    await Promise.all([drainHttp(server as Server), events.stop(), caches.stop(), jobs?.stop()]);
    setStreamEventAnnouncer(null);
    await closeConnections();
  });
}

function printBanner(port: number, processes: string) {
  const base = `http://${env.HOST}:${port}`;
  console.log(`Coinstream API listening on ${base} (${processes})`);
  console.log(
    `  database: ${env.DATABASE_URL ? "DATABASE_URL" : "embedded PostgreSQL (data in .data/postgres)"}, migrated`,
  );
  console.log(`  stream events across processes: ${env.NATS_URL ? "NATS" : "Postgres NOTIFY"}`);
  console.log(`  ${base}/trpc          typed procedures (see the README's table)`);
  console.log(`  ${base}/api/auth/*    accounts: sign-up, sign-in, verify-email, reset-password`);
  console.log(`  ${base}/health        liveness and database check`);
  console.log(`  ${base}/streams/<handle>/events  a stream's public events (SSE)`);
  if (demo) printDemo(base, demo, demoOverlay);
  if (env.payments === "sandbox") console.log("  payments: sandbox (free coins; payouts not paid)");
  if (!env.SMTP_URL)
    console.log("  email: not configured; verification and reset links are logged here");
}

function printDemo(base: string, demo: "seeded" | "present", overlay: string | null) {
  console.log(`  ${base}/demo/stream/nova  a demo stream page (coinstream:creator meta tag)`);
  if (overlay) console.log(`  ${base}${overlay}  @nova's OBS overlay (live, goal set)`);
  console.log(
    `  demo logins (${demo === "seeded" ? "created now" : "already present"}), password "${DEMO_PASSWORD}":`,
  );
  console.log(`    viewer  ${DEMO_PEOPLE.viewer.email} (${DEMO_PEOPLE.viewer.coins} coins)`);
  for (const creator of DEMO_PEOPLE.creators) {
    console.log(`    creator ${creator.email} (@${creator.handle}, ${creator.url})`);
  }
}
