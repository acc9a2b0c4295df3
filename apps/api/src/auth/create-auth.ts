import { schema } from "@coinstream/db";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { createAuthMiddleware } from "better-auth/api";
import { bearer } from "better-auth/plugins";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { dateOfBirthSchema, regionSchema } from "./account-fields.ts";
import { assertAuthBodyFields } from "./auth-body-fields.ts";
import {
  type AuthRateLimitConfig,
  authRateLimit,
  CLIENT_ADDRESS_HEADER,
} from "./auth-rate-limit.ts";
import { landOnConfirmationPage } from "./email-verified-page.ts";
import type { Mailer } from "./mailer.ts";
import {
  assertGuidelinesAcceptedAtSignUp,
  assertSignUpAge,
  recordSignUpAcceptance,
  toDisplayName,
} from "./sign-up-rules.ts";

export interface AuthConfig {
  /** A Drizzle instance on its own postgres.js client (see `createAuthDb`). */
  readonly db: PostgresJsDatabase<Record<string, unknown>>;
  readonly mailer: Mailer;
  /** Signs session cookies, bearer tokens and verification links: at least 32 random characters. */
  readonly secret: string;
  /** The API's public origin, such as `http://127.0.0.1:3000`; links in emails start with it. */
  readonly baseURL: string;
  /** Origins allowed to call the auth routes besides `baseURL` (the extension, web apps). */
  readonly trustedOrigins?: readonly string[];
  /** Sign-in and other auth requests per address (always on; see `authRateLimit`). */
  readonly rateLimit?: AuthRateLimitConfig;
}

/**
 * Better Auth for Coinstream: email + password accounts with date of birth and region, verified
 * email before sign-in, password reset by emailed link, and signed bearer tokens for the
 * extension. Mount it with `mountAuthRoutes`.
 */
export function createAuth(config: AuthConfig) {
  if (config.secret.length < 32) {
    throw new Error("The auth secret must be at least 32 characters long");
  }
  const { mailer } = config;
  return betterAuth({
    appName: "Coinstream",
    baseURL: config.baseURL,
    secret: config.secret,
    trustedOrigins: [...(config.trustedOrigins ?? [])],
    database: drizzleAdapter(config.db, { provider: "pg", schema: { ...schema.authSchema } }),
    user: {
      additionalFields: {
        dateOfBirth: {
          type: "date",
          required: true,
          validator: { input: dateOfBirthSchema },
        },
        region: {
          type: "string",
          required: true,
          validator: { input: regionSchema },
        },
      },
    },
    emailAndPassword: {
      enabled: true,
      requireEmailVerification: true,
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: async ({ user, url }) => {
        await mailer.send({
          to: user.email,
          subject: "Reset your Coinstream password",
          text: [
            `Hi ${user.name},`,
            "",
            "Someone asked to reset the password of your Coinstream account. To choose a new one,",
            "open this link within the hour:",
            "",
            url,
            "",
            "If it was not you, ignore this email; your password stays as it is.",
          ].join("\n"),
        });
      },
    },
    emailVerification: {
      sendOnSignUp: true,
      // An unverified sign-in mails a fresh link: the way back for someone whose link expired.
      sendOnSignIn: true,
      sendVerificationEmail: async ({ user, url }) => {
        await mailer.send({
          to: user.email,
          subject: "Confirm your email for Coinstream",
          text: [
            `Hi ${user.name},`,
            "",
            "Open this link within the hour to confirm your email address; you can sign in after:",
            "",
            landOnConfirmationPage(url),
          ].join("\n"),
        });
      },
    },
    // The database hooks hold the sign-up age and display-name rules for every way an account is
    // created or renamed, and store the name trimmed; the acceptance of the guidelines a sign-up
    // carried (checked in the before hook) is recorded once the user exists.
    databaseHooks: {
      user: {
        create: {
          before: async (user) => {
            assertSignUpAge(user.dateOfBirth, user.region, new Date());
            return { data: { ...user, name: toDisplayName(user.name) } };
          },
          after: async (user, ctx) => {
            const body = ctx?.body as Record<string, unknown> | undefined;
            await recordSignUpAcceptance(config.db, user.id, body?.acceptedGuidelinesVersion);
          },
        },
        update: {
          before: async (user) =>
            "name" in user ? { data: { ...user, name: toDisplayName(user.name) } } : undefined,
        },
      },
    },
    hooks: {
      // What a person typed is refused with the field it concerns before Better Auth reads it;
      // sign-up's guidelines acceptance is checked against the published versions.
      before: createAuthMiddleware(async (ctx) => {
        const body: unknown = ctx.body;
        assertAuthBodyFields(ctx.path, body, ctx.context.password.config, new Date());
        if (ctx.path !== "/sign-up/email" || typeof body !== "object" || body === null) return;
        const { acceptedGuidelinesVersion } = body as Record<string, unknown>;
        await assertGuidelinesAcceptedAtSignUp(config.db, acceptedGuidelinesVersion);
      }),
    },
    plugins: [bearer({ requireSignature: true })],
    rateLimit: authRateLimit(config.rateLimit),
    advanced: {
      // Only the address mountAuthRoutes sets (never a client's own X-Forwarded-For).
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
      // Better Auth skips the origin check under NODE_ENV=test; keep it on so tests see production.
      disableOriginCheck: false,
      // Emails go out after the response, so a reset request for a known address takes no longer
      // than one for an unknown address. Better Auth logs a failed send before handing it here.
      backgroundTasks: { handler: (task) => void task.catch(() => {}) },
    },
    telemetry: { enabled: false },
  });
}

/** The Better Auth instance `createAuth` returns. */
export type Auth = ReturnType<typeof createAuth>;
