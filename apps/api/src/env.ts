import { z } from "zod";

/**
 * The Chrome origin of the extension built from this repository: its manifest's `key` pins the id
 * (apps/extension/package.json). A store build has an id of its own, set in TRUSTED_ORIGINS.
 */
export const DEV_EXTENSION_ORIGIN = "chrome-extension://lmlodmfagolglgghppehjmepbcmkeimf";

/** Configuration, validated once at start; nothing else in the api reads `process.env`. */
/** A comma-separated list of origins, trimmed, blanks dropped. */
const originListSchema = z.string().transform((list) =>
  list
    .split(",")
    .map((origin) => origin.trim())
    .filter(Boolean),
);

const envSchema = z
  .object({
    /**
     * `production` (or a PUBLIC_URL) is production mode: no demo data, no sandbox, and the
     * settings below marked "required in production" must be set.
     */
    NODE_ENV: z.enum(["production", "development", "test"]).optional(),
    /** `1` seeds the demo accounts (published password, free coins); `pnpm start` sets it. */
    SEED_DEMO: z.enum(["0", "1"], "SEED_DEMO must be 1 or 0").optional(),
    /**
     * `stripe` or `sandbox` (a local checkout page, free coins, payouts not paid). Default: Stripe
     * when its keys are set, else the sandbox; production refuses the sandbox.
     */
    PAYMENTS: z.enum(["stripe", "sandbox"], "PAYMENTS must be stripe or sandbox").optional(),
    HOST: z.string().min(1).default("127.0.0.1"),
    PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
    /**
     * HTTP worker processes (node:cluster) sharing the port; default one per core. 1 serves from
     * this process, with the job queue, as tests and the fault scripts need.
     */
    API_WORKERS: z.coerce.number().int().min(1).max(256).optional(),
    /**
     * nats:// URL(s), comma-separated: stream events then cross processes and machines through
     * NATS; unset, through Postgres NOTIFY.
     */
    NATS_URL: z
      .string()
      .regex(/^(nats|tls|wss?):\/\//, "NATS_URL must be a nats://, tls:// or ws(s):// URL")
      .optional(),
    /** A PostgreSQL server; unset, an embedded PostgreSQL keeps its data under `.data/`. */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// or postgresql:// URL")
      .optional(),
    /** Signs sessions, bearer tokens and email links; unset, one is generated into `.data/`. */
    BETTER_AUTH_SECRET: z
      .string()
      .min(32, "BETTER_AUTH_SECRET must be at least 32 random characters")
      .optional(),
    /** The API's public origin, used in emailed links; default http://HOST:PORT. */
    PUBLIC_URL: z.url("PUBLIC_URL must be a URL such as https://api.example.com").optional(),
    /**
     * Requests one client address may make per minute (default 1,200). Load tests on loopback,
     * where every simulated viewer shares one address, raise it.
     */
    REQUESTS_PER_MINUTE_PER_ADDRESS: z.coerce.number().int().min(1).optional(),
    /**
     * Sign-in, sign-up, password-reset and verification-email requests one address may make per
     * minute (each of them; default 30). Load tests signing everyone in from loopback raise it.
     */
    AUTH_ATTEMPTS_PER_MINUTE_PER_ADDRESS: z.coerce.number().int().min(1).optional(),
    /**
     * Wrong passwords for one account from one address before each further attempt waits (1 s,
     * then doubling, up to 15 minutes; a correct password resets it). Default 5.
     */
    SIGN_IN_FAILURES_BEFORE_BACKOFF: z.coerce.number().int().min(1).optional(),
    /**
     * The header a reverse proxy in front of the API sets to the client's address (such as
     * `x-real-ip`, `cf-connecting-ip`; for `x-forwarded-for` its last entry is taken). Unset, the
     * socket's address is the client's: never set it when clients can reach the API directly.
     */
    CLIENT_ADDRESS_HEADER: z
      .string()
      .regex(/^[A-Za-z0-9-]+$/, "CLIENT_ADDRESS_HEADER must be a header name such as x-real-ip")
      .transform((name) => name.toLowerCase())
      .optional(),
    /**
     * Comma-separated origins allowed to call the API from a browser (the extension's, web apps).
     * Unset with PUBLIC_URL unset too (a local run), the extension built from this repository is
     * trusted, so its sign-in works without configuration.
     */
    TRUSTED_ORIGINS: originListSchema.optional(),
    /** smtp:// or smtps:// URL; unset, emails (and their links) are written to the log. */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, "SMTP_URL must be an smtp:// or smtps:// URL")
      .optional(),
    MAIL_FROM: z.string().min(3).default("Coinstream <no-reply@coinstream.local>"),
    /**
     * With STRIPE_WEBHOOK_SECRET: real Stripe Checkout, and withdrawals paid as Stripe Connect
     * transfers. Unset: the local sandbox providers for both.
     */
    STRIPE_SECRET_KEY: z
      .string()
      .regex(/^sk_(test|live)_/, "STRIPE_SECRET_KEY must start with sk_test_ or sk_live_")
      .optional(),
    STRIPE_WEBHOOK_SECRET: z
      .string()
      .regex(/^whsec_/, "STRIPE_WEBHOOK_SECRET must start with whsec_")
      .optional(),
    /**
     * The secret the sandbox signs and verifies its payment events with; unset, a random one each
     * start. Set it to deliver signed sandbox events from outside (the webhook fault scenario).
     */
    SANDBOX_WEBHOOK_SECRET: z
      .string()
      .regex(/^whsec_/, "SANDBOX_WEBHOOK_SECRET must start with whsec_")
      .optional(),
    /**
     * JSON overriding the platforms' base URLs that channel verification reads, e.g.
     * {"twitch":"http://127.0.0.1:4000"}; unset platforms keep https://www.twitch.tv and the like.
     */
    CHANNEL_PLATFORM_URLS: z
      .string()
      .transform((text, ctx) => {
        try {
          return JSON.parse(text) as unknown;
        } catch {
          ctx.addIssue({ code: "custom", message: "CHANNEL_PLATFORM_URLS must be a JSON object" });
          return z.NEVER;
        }
      })
      .pipe(
        z.strictObject({
          twitch: z.url({ protocol: /^https?$/ }).optional(),
          youtube: z.url({ protocol: /^https?$/ }).optional(),
          tiktok: z.url({ protocol: /^https?$/ }).optional(),
          kick: z.url({ protocol: /^https?$/ }).optional(),
        }),
      )
      .optional(),
    /** How long one channel page fetch (redirects included) may take; default 5,000. */
    CHANNEL_FETCH_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).optional(),
    /** The largest channel page read, in bytes; bigger pages are abandoned mid-stream. Default 512 KiB. */
    CHANNEL_FETCH_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1_024)
      .max(16 * 1024 * 1024)
      .optional(),
    /**
     * Comma-separated origins channel verification may read although they are on a private
     * address or plain http (local stand-ins for the platforms in development); empty in production.
     */
    CHANNEL_FETCH_TRUSTED_ORIGINS: originListSchema
      .pipe(z.array(z.url({ protocol: /^https?$/ })))
      .optional(),
  })
  .refine((env) => Boolean(env.STRIPE_SECRET_KEY) === Boolean(env.STRIPE_WEBHOOK_SECRET), {
    message:
      "Set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET together (or neither, for the sandbox)",
    path: ["STRIPE_WEBHOOK_SECRET"],
  })
  .superRefine((env, ctx) => {
    const problem = (variable: string, message: string) =>
      ctx.addIssue({ code: "custom", path: [variable], message });
    if (env.PAYMENTS === "stripe" && !env.STRIPE_SECRET_KEY) {
      problem(
        "STRIPE_SECRET_KEY",
        "PAYMENTS=stripe needs STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET",
      );
    }
    if (!isProduction(env)) return;
    for (const [variable, why] of PRODUCTION_REQUIRED) {
      if (env[variable] === undefined) problem(variable, `required in production: ${why}`);
    }
    if (env.PAYMENTS === "sandbox") {
      problem("PAYMENTS", "sandbox is refused in production (its coins are free); use Stripe");
    } else if (!env.STRIPE_SECRET_KEY) {
      problem(
        "STRIPE_SECRET_KEY",
        "required in production with STRIPE_WEBHOOK_SECRET: coins are sold through Stripe",
      );
    }
    if (env.SEED_DEMO === "1") {
      problem(
        "SEED_DEMO",
        "refused in production: demo accounts have a published password (`pnpm start` sets it; deploy with `pnpm --filter @coinstream/api serve`)",
      );
    }
  })
  .transform(({ TRUSTED_ORIGINS, SEED_DEMO, PAYMENTS, ...env }) => ({
    ...env,
    TRUSTED_ORIGINS:
      TRUSTED_ORIGINS ?? (env.PUBLIC_URL === undefined ? [DEV_EXTENSION_ORIGIN] : []),
    /** Production mode: NODE_ENV=production or a PUBLIC_URL. */
    isProduction: isProduction(env),
    seedDemo: SEED_DEMO === "1",
    payments: PAYMENTS ?? (env.STRIPE_SECRET_KEY ? "stripe" : "sandbox"),
  }));

/** What production mode needs set, and why, in the words of its refusal. */
const PRODUCTION_REQUIRED = [
  ["PUBLIC_URL", "the https address people reach the API at, for links in emails and checkout"],
  ["BETTER_AUTH_SECRET", "32+ random characters that sign sessions (openssl rand -hex 32)"],
  ["SMTP_URL", "verification and reset emails are mailed, never written to the log"],
] as const;

function isProduction(env: { NODE_ENV?: string | undefined; PUBLIC_URL?: string | undefined }) {
  return env.NODE_ENV === "production" || env.PUBLIC_URL !== undefined;
}

export type Env = z.infer<typeof envSchema>;

/** Parses `source` (default `process.env`) or throws one error listing every bad variable. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `  ${issue.path.join(".")}: ${issue.message}`,
    );
    throw new Error(`Invalid configuration:\n${problems.join("\n")}`);
  }
  return parsed.data;
}

/** `loadEnv` for the server: a bad configuration prints its lines (no stack) and exits 1. */
export function loadEnvOrExit(): Env {
  try {
    return loadEnv();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
