import { DomainError, DomainErrorCode, isDomainError } from "@coinstream/core";
import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError, z } from "zod";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "../http/database-gate.ts";
import { RateLimiter } from "../http/rate-limiter.ts";
import { requireAdmin } from "../services/admin/require-admin.ts";
import { requireCreatorAccount } from "../services/creators/require-creator-account.ts";
import type { Context } from "./context.ts";
import { describeInputError } from "./describe-input-error.ts";
import { TRPC_CODE_FOR } from "./domain-error-codes.ts";
import { findUnstorableText } from "./unstorable-text.ts";

const t = initTRPC.context<Context>().create({
  // Never a stack trace in an answer, whatever NODE_ENV says (tRPC adds one unless production).
  isDev: false,
  // Clients get the rulebook's code and facts next to tRPC's, and zod's field errors flattened.
  // A refused input's message is a sentence (zod's would be a JSON list of issues).
  // Only a refused input (BAD_REQUEST) speaks of fields: an answer failing its `.output()` schema
  // is our fault (INTERNAL_SERVER_ERROR) and must not show the client our answer's field names.
  errorFormatter({ shape, error }) {
    const domain = isDomainError(error.cause) ? error.cause : null;
    const inputError = error.code === "BAD_REQUEST" && error.cause instanceof ZodError;
    return {
      ...shape,
      ...(inputError ? { message: describeInputError(error.cause) } : {}),
      data: {
        ...shape.data,
        domainCode: domain?.code ?? null,
        details: domain?.details ?? null,
        fieldErrors: (inputError ? z.flattenError(error.cause).fieldErrors : null) as Record<
          string,
          string[] | undefined
        > | null,
      },
    };
  },
});

/**
 * Maps a `DomainError` thrown by a service to the tRPC code in one table, keeping its message,
 * and a database that cannot be reached to SERVICE_UNAVAILABLE (503: retry later), not a 500.
 */
const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && isDomainError(result.error.cause)) {
    const cause = result.error.cause;
    throw new TRPCError({ code: TRPC_CODE_FOR[cause.code], message: cause.message, cause });
  }
  if (!result.ok && isDatabaseUnavailable(result.error.cause)) {
    throw databaseUnavailableError(result.error.cause);
  }
  return result;
});

/** What a call gets while the database cannot be reached: 503, nothing changed, retry shortly. */
export function databaseUnavailableError(cause?: unknown): TRPCError {
  return new TRPCError({
    code: "SERVICE_UNAVAILABLE",
    message: DATABASE_UNAVAILABLE_MESSAGE,
    cause,
  });
}

/**
 * Refuses input text Postgres cannot store (NUL, half a surrogate pair) with INVALID_INPUT before
 * any service sees it. It runs after the sign-in and admin checks, which read no input.
 */
const refuseUnstorableText = t.middleware(async ({ getRawInput, next }) => {
  const field = findUnstorableText(await getRawInput());
  if (field !== null) {
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      `${field} holds a character text cannot contain (NUL, or half of a surrogate pair).`,
      { field },
    );
  }
  return next();
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
const procedure = t.procedure.use(mapDomainErrors);
export const publicProcedure = procedure.use(refuseUnstorableText);

/** Calls one signed-in person may make per minute on this process, whatever the procedure. */
export const CALLS_PER_MINUTE_PER_PERSON = 600;
const perPerson = new RateLimiter(CALLS_PER_MINUTE_PER_PERSON, 60_000);

/** Signed in; the input is not read yet. */
const signedInProcedure = procedure.use(({ ctx, next }) => {
  if (!ctx.viewer) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  }
  if (perPerson.hit(ctx.viewer.userId, ctx.now.getTime()) > 0) {
    throw new TRPCError({
      code: "TOO_MANY_REQUESTS",
      message: "Too many requests; slow down and try again shortly.",
    });
  }
  return next({ ctx: { ...ctx, viewer: ctx.viewer } });
});

/** A procedure for signed-in people (t3's `protectedProcedure`). */
export const viewerProcedure = signedInProcedure.use(refuseUnstorableText);

/**
 * A procedure for registered creators: `ctx.creator` is the caller's own creator account, so
 * creator services take no creator id and reach only the caller's rows. Anyone else gets
 * NOT_ELIGIBLE (NOT_A_CREATOR) before the input is read.
 */
export const creatorProcedure = signedInProcedure
  .use(async ({ ctx, next }) =>
    next({ ctx: { ...ctx, creator: await requireCreatorAccount(ctx.sql, ctx.viewer.userId) } }),
  )
  .use(refuseUnstorableText);

/**
 * A procedure for admins: signed in, and `users.role = 'admin'` read from the database on every
 * call (never from the session), on an account that is not frozen. Anyone else gets FORBIDDEN
 * before the input is even read.
 */
export const adminProcedure = signedInProcedure
  .use(async ({ ctx, next }) =>
    next({ ctx: { ...ctx, admin: await requireAdmin(ctx.sql, ctx.viewer.userId) } }),
  )
  .use(refuseUnstorableText);
