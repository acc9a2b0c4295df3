import { RATE_CARD } from "@coinstream/core";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { ProcedurePath } from "../trpc/procedure-paths.ts";
import { appRouter } from "../trpc/root.ts";
import { AUTHORIZATION_MATRIX, type MatrixRow } from "./authorization-matrix.ts";
import { ledgerTotals } from "./database-digest.ts";
import {
  BASE_URL,
  callOverHttp,
  type FuzzIdentity,
  type FuzzRequest,
  type FuzzResponse,
  type ProcedureType,
} from "./fuzz-http.ts";
import { useHttpApi } from "./use-http-api.ts";
import { encodeJson, fuzzInput, type Hints } from "./zod-arbitraries.ts";

// Every procedure over the real HTTP app with generated invalid and boundary input, as the callers
// that reach its input (anonymous, a signed-in viewer, a creator, an admin) and, briefly, as
// those refused before it: never a 5xx, never a ledger change, and /health answers after each.
// `pnpm test` runs FUZZ_RUNS=20 per procedure and caller; `pnpm test:fuzz` runs 500.
const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
/** A failure prints its seed; FUZZ_SEED=<seed> replays it. */
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const REFUSED_RUNS = Math.max(3, Math.ceil(RUNS / 10));

const api = useHttpApi();
let ledgerBefore: Awaited<ReturnType<typeof ledgerTotals>>;
let hints: Hints;

beforeAll(async () => {
  // Strings that get past lookups: the star's handle and page, gift, item and pack ids...
  hints = [
    api.star.handle,
    api.star.url,
    RATE_CARD.version,
    ...RATE_CARD.gifts.map((gift) => gift.id),
    ...RATE_CARD.cosmetics.map((item) => item.id),
    ...RATE_CARD.priceLists.USD.packs.map((pack) => pack.id),
    "US",
    "DE",
  ];
  // The fuzz's accounts have no coins and no diamonds: a call that moves any is a bug.
  ledgerBefore = await ledgerTotals(api.db.sql);
});

const procedures = appRouter._def.procedures as unknown as Record<
  string,
  { _def: { type: ProcedureType; inputs: unknown[] } }
>;

/** Who reaches the procedure's input, and who is refused before it (with the status they get). */
function callersOf(row: MatrixRow) {
  const reach: FuzzIdentity[] = [];
  const refused: { identity: FuzzIdentity; status: number }[] = [];
  if (row.anonymous === "UNAUTHORIZED") refused.push({ identity: "anonymous", status: 401 });
  else reach.push("anonymous");
  if (row.viewer === "FORBIDDEN") {
    refused.push({ identity: "viewer", status: 403 });
    reach.push("admin");
  } else {
    reach.push("viewer");
    if (row.creator !== row.viewer) reach.push("creator");
  }
  return { reach, refused };
}

/** Requests as tRPC clients send them, now and then with the wrong method, type or JSON. */
function fuzzRequest(schema: unknown): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    {
      weight: 12,
      arbitrary: fuzzInput(schema, hints).map((input) => ({ text: encodeJson(input) })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom<FuzzRequest>(
        { text: "{not json" },
        { text: '{"a":' },
        { text: "" },
        { text: "null" },
        { text: "{}", wrongMethod: true },
        { text: "{}", contentType: "text/plain" },
        { text: "{}", contentType: "application/x-www-form-urlencoded" },
      ),
    },
  );
}

/** Whether a request is well-formed tRPC, so that only the caller decides its answer. */
function isWellFormed(request: FuzzRequest): boolean {
  if (request.wrongMethod || request.contentType) return false;
  try {
    if (request.text !== undefined) JSON.parse(request.text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Never a 5xx; errors in tRPC's shape (bodies over 64 KiB are refused, 413, before tRPC). A
 * caller refused before the input (`refusedWith`) gets that status for any well-formed request.
 */
function expectClientSideAnswer(
  request: FuzzRequest,
  response: FuzzResponse,
  refusedWith: number | null,
) {
  const { status, body } = response;
  expect(status, body.slice(0, 2_000)).toBeGreaterThanOrEqual(200);
  expect(status, body.slice(0, 2_000)).toBeLessThan(500);
  if (status === 413) return;
  if (refusedWith !== null && isWellFormed(request)) {
    expect(status, body.slice(0, 500)).toBe(refusedWith);
  }
  if (status < 400) return;
  const parsed = JSON.parse(response.via === "sse" ? `{"error":${body}}` : body) as {
    error?: { message?: string; data?: { httpStatus?: number; domainCode?: string | null } };
  };
  expect(parsed.error?.data?.httpStatus, body.slice(0, 500)).toBe(status);
  // The per-person limiter would stop requests before their input: the rotation must prevent it.
  expect(parsed.error?.message).not.toMatch(/^Too many requests; slow down/);
}

describe("every procedure under fuzzed input over HTTP", () => {
  for (const [path, procedure] of Object.entries(procedures)) {
    it(
      `${path}: answers 2xx or 4xx, never 5xx; the ledger is unchanged and /health answers`,
      async () => {
        const row = AUTHORIZATION_MATRIX[path as ProcedurePath];
        expect(row, `${path} needs a row in AUTHORIZATION_MATRIX`).toBeDefined();
        const { type, inputs } = procedure._def;
        const { reach, refused } = callersOf(row);
        const runs = [
          ...reach.map((identity) => ({ identity, refusedWith: null, numRuns: RUNS })),
          ...refused.map(({ identity, status }) => ({
            identity,
            refusedWith: status,
            numRuns: REFUSED_RUNS,
          })),
        ];
        for (const { identity, refusedWith, numRuns } of runs) {
          await fc.assert(
            fc.asyncProperty(fuzzRequest(inputs[0]), async (request) => {
              const headers = await api.headersOf(identity);
              const response = await callOverHttp(api.app, path, type, request, headers);
              expectClientSideAnswer(request, response, refusedWith);
            }),
            { numRuns, ...(SEED === undefined ? {} : { seed: SEED }) },
          );
        }

        expect(await ledgerTotals(api.db.sql)).toEqual(ledgerBefore);
        const health = await api.app.request(`${BASE_URL}/health`);
        expect(health.status).toBe(200);
        expect(await health.json()).toEqual({ ok: true, database: "up" });
      },
      Math.max(60_000, RUNS * 400),
    );
  }
});
