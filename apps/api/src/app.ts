import type { Ledger, Sql } from "@coinstream/db";
import { trpcServer } from "@hono/trpc-server";
import type { TRPCError } from "@trpc/server";
import { Hono, type Context as HonoContext } from "hono";
import { cors } from "hono/cors";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import type { Logger } from "pino";
import type Stripe from "stripe";
import { mountAuthRoutes } from "./auth/auth-routes.ts";
import type { Auth } from "./auth/create-auth.ts";
import { viewerFromRequest } from "./auth/viewer-from-session.ts";
import type { ProcessCaches } from "./caches/process-caches.ts";
import { mountDemoStreamPage } from "./demo/demo-stream-page.ts";
import { refuseCrossSiteMutation } from "./http/csrf.ts";
import { DatabaseGate, isDatabaseUnavailable } from "./http/database-gate.ts";
import { HOT_MUTATIONS } from "./http/hot-mutation-paths.ts";
import { hotMutations } from "./http/hot-mutations.ts";
import { limitBody, rateLimitByAddress } from "./http/protection.ts";
import { requestLog } from "./http/request-log.ts";
import { mountOverlay } from "./overlay/overlay-routes.ts";
import type { PaymentProvider } from "./payments/payment-provider.ts";
import { mountSandboxAgeCheck } from "./payments/sandbox-age-check-routes.ts";
import { mountSandboxCheckout } from "./payments/sandbox-routes.ts";
import type { WebhookHandler } from "./payments/stripe-webhook.ts";
import type { StreamEventHub } from "./realtime/stream-event-hub.ts";
import { mountStreamEvents } from "./realtime/stream-events-route.ts";
import type { ChannelVerifierConfig } from "./services/channels/channel-verifier-config.ts";
import { createContext } from "./trpc/context.ts";
import { databaseUnavailableError } from "./trpc/init.ts";
import { appRouter } from "./trpc/root.ts";

/**
 * What the app is built from. The database, the ledger, payments and the stream-event hub are
 * required, so no procedure can meet a missing part at run time; the rest is configuration.
 */
export interface AppDependencies {
  /** The ledger database; health checks report whether it answers. */
  readonly sql: Sql;
  /** The ledger, on connections of its own. */
  readonly ledger: Ledger;
  /** Accounts; without it every request is anonymous. */
  readonly auth?: Auth;
  /** This process's caches of sessions and creator resolution (none: every request reads). */
  readonly caches?: ProcessCaches;
  /** Live stream events for subscriptions (one LISTEN per process). */
  readonly events: StreamEventHub;
  /** The API's public origin (PUBLIC_URL), for links it hands out such as the OBS overlay's. */
  readonly publicUrl?: string;
  /** How channel pages are read for verification (platform base URLs, limits, trusted origins). */
  readonly channelVerifier?: ChannelVerifierConfig;
  /** Browser origins allowed to call the API (the extension's, web apps). */
  readonly trustedOrigins?: readonly string[];
  /** Structured request logs; none when absent (tests). */
  readonly logger?: Logger;
  /** Requests a client address may make per minute (default 1,200). */
  readonly requestsPerMinutePerAddress?: number | undefined;
  /** A reverse proxy's header holding the client's address (CLIENT_ADDRESS_HEADER). */
  readonly clientAddressHeader?: string | undefined;
  /** Wrong passwords per account and address before sign-in attempts wait (default 5). */
  readonly signInFailuresBeforeBackoff?: number | undefined;
  /** Serve `/demo/*` (the demo stream page): only with the demo data. */
  readonly demoPages?: boolean;
  /** Coin purchases: the provider, its webhook handler and, for the sandbox, its signing. */
  readonly payments: {
    readonly provider: PaymentProvider;
    readonly handleWebhook: WebhookHandler;
    readonly sandbox?: { readonly stripe: Stripe; readonly webhookSecret: string };
  };
}

/** The HTTP app, without a listening socket, so tests can call it directly. */
export function createApp(deps: AppDependencies): Hono {
  const origins = new Set(deps.trustedOrigins ?? []);
  // Cookie-authenticated mutations are accepted from the API's own pages and trusted origins.
  const mutationOrigins = new Set([
    ...origins,
    ...(deps.publicUrl ? [new URL(deps.publicUrl).origin] : []),
  ]);
  // While the database is unreachable, requests are refused at once with 503 (see DatabaseGate).
  const { sql } = deps;
  const gate = new DatabaseGate(() => sql`select 1`);
  const needsDatabase = gate.middleware();
  const app = new Hono()
    .use(requestId())
    .use(deps.logger ? requestLog(deps.logger) : async (_c, next) => next())
    .use(secureHeaders())
    .use(
      rateLimitByAddress(
        deps.requestsPerMinutePerAddress ?? 1_200,
        60_000,
        deps.clientAddressHeader,
      ),
    )
    // Procedures take small JSON; webhooks a little more. Larger bodies are refused unread.
    .use("/webhooks/*", limitBody(256 * 1024))
    .use("/trpc/*", limitBody(64 * 1024))
    .use("/api/auth/*", limitBody(16 * 1024))
    .use(
      "*",
      cors({
        origin: (origin) => (origins.has(origin) ? origin : null),
        allowHeaders: ["Content-Type", "Authorization"],
        exposeHeaders: ["set-auth-token"],
        credentials: true,
      }),
    )
    .use("/api/auth/*", needsDatabase)
    .use("/webhooks/*", needsDatabase)
    .use("/sandbox/*", needsDatabase)
    .use("/overlay/*", needsDatabase)
    .use("/streams/*", needsDatabase)
    .get("/health", async (c) => {
      if (!gate.isOpen) return c.json({ ok: false, database: "down" }, 503);
      try {
        await sql`select 1`;
        return c.json({ ok: true, database: "up" });
      } catch (error) {
        gate.report(error);
        return c.json({ ok: false, database: "down" }, 503);
      }
    });
  if (deps.demoPages) mountDemoStreamPage(app);
  const { auth, payments } = deps;
  if (auth) mountAuthRoutes(app, auth, { ...deps, sessionCache: deps.caches?.sessions });
  // The OBS overlay at /overlay/:key (a secret key, no login).
  mountOverlay(app, { sql, events: deps.events });
  // Public stream events as plain SSE at /streams/:handle/events (the extension's and any client's).
  mountStreamEvents(app, { sql, events: deps.events });
  // The raw body, exactly as signed: never parse it before verifying.
  app.post("/webhooks/stripe", async (c) => {
    const response = await payments.handleWebhook(
      await c.req.text(),
      c.req.header("stripe-signature"),
    );
    return c.json(response.body, response.status === 200 ? 200 : 400);
  });
  if (payments.sandbox) {
    const sandbox = { sql, ...payments.sandbox, handleWebhook: payments.handleWebhook };
    mountSandboxCheckout(app, sandbox);
    mountSandboxAgeCheck(app, sandbox);
  }
  const contextFor = async (c: HonoContext) => {
    refuseCrossSiteMutation(c, mutationOrigins);
    // Sessions live in the database: refused at once while it is unreachable.
    if (!gate.isOpen) throw databaseUnavailableError();
    try {
      return createContext(
        deps,
        auth ? await viewerFromRequest(auth, sql, c.req.raw.headers, deps.caches?.sessions) : null,
      );
    } catch (error) {
      throw isDatabaseUnavailable(error) ? databaseUnavailableError(error) : error;
    }
  };
  // Procedures map an unreachable database to SERVICE_UNAVAILABLE (trpc/init.ts); it closes the gate.
  const onError = ({ error }: { error: TRPCError }) => void gate.report(error);
  // A gift's call skips the fetch adapter's Request/Response work; same procedure, same answer.
  app.use(
    "/trpc/*",
    hotMutations({ router: appRouter, paths: HOT_MUTATIONS, createContext: contextFor, onError }),
  );
  app.use(
    "/trpc/*",
    trpcServer({
      endpoint: "/trpc",
      router: appRouter,
      createContext: (_opts, c) => contextFor(c),
      onError,
    }),
  );
  return app;
}
