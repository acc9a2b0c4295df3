import { RATE_CARD } from "@coinstream/core";
import { describe, expect, it } from "vitest";
import { appRouter } from "../trpc/root.ts";
import { digestDatabase } from "./database-digest.ts";
import {
  callOverHttp,
  type FuzzIdentity,
  type FuzzResponse,
  type ProcedureType,
} from "./fuzz-http.ts";
import { useHttpApi } from "./use-http-api.ts";
import { encodeJson } from "./zod-arbitraries.ts";

// The inputs the fuzz found answering 500 (Postgres or the uuid library refusing them), kept as
// plain cases over HTTP: each now answers 400 and changes nothing.
const api = useHttpApi();
const procedures = appRouter._def.procedures as unknown as Record<
  string,
  { _def: { type: ProcedureType } }
>;

const TOO_BIG_FOR_INT8 = "9999999999999999999";
/** 9999-12-31 at -23:59 is 10000-01-01 in UTC: past what a timestamp holds. */
const PAST_YEAR_9999 = "9999-12-31T23:59:59.999-23:59";

interface Case {
  readonly what: string;
  readonly as: FuzzIdentity;
  readonly path: string;
  readonly input: () => unknown;
  readonly status: number;
  /** The rulebook's code, or null for a zod refusal (then `field` names the field). */
  readonly domainCode: string | null;
  readonly field?: string;
}

const CASES: readonly Case[] = [
  {
    what: "a NUL in a withdrawal's idempotency key",
    as: "creator",
    path: "creator.withdraw",
    input: () => ({ idempotencyKey: "key-\u0000-1234", diamonds: 1_000 }),
    status: 400,
    domainCode: "INVALID_INPUT",
  },
  {
    what: "a NUL in a checkout's idempotency key",
    as: "viewer",
    path: "store.checkout",
    input: () => ({ idempotencyKey: "key-\u0000-1234", item: { customCoins: 500 } }),
    status: 400,
    domainCode: "INVALID_INPUT",
  },
  {
    what: "half a surrogate pair in a paid message's idempotency key",
    as: "viewer",
    path: "messages.send",
    input: () => ({
      idempotencyKey: "\ud800-key-1234",
      to: { handle: api.star.handle },
      body: "Hello",
      expectedCoins: 100,
    }),
    status: 400,
    domainCode: "INVALID_INPUT",
  },
  {
    what: "a NUL in the user id an admin freezes",
    as: "admin",
    path: "admin.freeze",
    input: () => ({ userId: "user-\u0000", reason: "fraud ring" }),
    status: 400,
    domainCode: "INVALID_INPUT",
  },
  {
    what: "a NUL in the user id a creator unblocks",
    as: "creator",
    path: "messages.unblock",
    input: () => ({ userId: "\u0000" }),
    status: 400,
    domainCode: "INVALID_INPUT",
  },
  {
    what: "a NUL in the link a guardian sets caps for",
    as: "viewer",
    path: "guardian.setControls",
    input: () => ({ linkId: "\u0000" }),
    status: 400,
    domainCode: "INVALID_INPUT",
  },
  {
    what: "a NUL in a payout method's label",
    as: "creator",
    path: "creator.setPayoutMethod",
    input: () => ({ method: "bank", label: "Checking \u0000" }),
    status: 400,
    domainCode: "INVALID_INPUT",
  },
  {
    what: "a wallet history cursor past int8",
    as: "viewer",
    path: "wallet.history",
    input: () => ({ cursor: TOO_BIG_FOR_INT8 }),
    status: 400,
    domainCode: null,
    field: "cursor",
  },
  {
    what: "an earnings cursor past int8",
    as: "creator",
    path: "creator.earnings",
    input: () => ({ cursor: TOO_BIG_FOR_INT8 }),
    status: 400,
    domainCode: null,
    field: "cursor",
  },
  {
    what: "a stream event id past int8",
    as: "anonymous",
    path: "streams.events",
    input: () => ({ to: { handle: api.star.handle }, lastEventId: TOO_BIG_FOR_INT8 }),
    status: 400,
    domainCode: null,
    field: "lastEventId",
  },
  {
    what: "an analytics range ending after year 9999 (UTC)",
    as: "creator",
    path: "analytics.dashboard",
    input: () => ({ from: "9999-12-31T23:59:59Z", to: PAST_YEAR_9999 }),
    status: 400,
    domainCode: null,
    field: "to",
  },
  {
    what: "an analytics range starting in year 0000 (UTC)",
    as: "creator",
    path: "analytics.exportCsv",
    input: () => ({ from: "0001-01-01T00:00:00+23:59", to: "0001-01-02T00:00:00Z" }),
    status: 400,
    domainCode: null,
    field: "from",
  },
  {
    what: "a rate card scheduled after year 9999 (UTC)",
    as: "admin",
    path: "admin.publishRateCard",
    input: () => ({ version: RATE_CARD.version, activeFrom: PAST_YEAR_9999 }),
    status: 400,
    domainCode: null,
    field: "activeFrom",
  },
  // Text is checked after sign-in and the admin check, which read no input.
  {
    what: "a NUL sent by an anonymous caller to a signed-in procedure",
    as: "anonymous",
    path: "wallet.history",
    input: () => ({ cursor: "\u0000" }),
    status: 401,
    domainCode: null,
  },
  {
    what: "a NUL sent by a viewer to an admin procedure",
    as: "viewer",
    path: "admin.freeze",
    input: () => ({ userId: "\u0000", reason: "fraud ring" }),
    status: 403,
    domainCode: "FORBIDDEN",
  },
];

/** The error a response carries (an SSE stream's comes as its first event). */
function errorOf(response: FuzzResponse) {
  const parsed = JSON.parse(response.body) as Record<string, unknown>;
  return (response.via === "sse" ? parsed : parsed.error) as {
    data: { domainCode: string | null; fieldErrors: Record<string, string[]> | null };
  };
}

describe("inputs that answered 500", () => {
  it.each(CASES)("answer $status to $what, changing nothing", async (testCase) => {
    const type = procedures[testCase.path]?._def.type ?? "query";
    const headers = await api.headersOf(testCase.as);
    const before = await digestDatabase(api.db.sql);

    const response = await callOverHttp(
      api.app,
      testCase.path,
      type,
      { text: encodeJson(testCase.input()) },
      headers,
    );

    expect(response.status, response.body.slice(0, 500)).toBe(testCase.status);
    const { data } = errorOf(response);
    expect(data.domainCode).toBe(testCase.domainCode);
    if (testCase.field) expect(Object.keys(data.fieldErrors ?? {})).toContain(testCase.field);
    expect(await digestDatabase(api.db.sql)).toEqual(before);
  });

  it("still takes the largest int8 as a cursor", async () => {
    const response = await callOverHttp(
      api.app,
      "wallet.history",
      "query",
      { text: encodeJson({ cursor: "9223372036854775807" }) },
      await api.headersOf("viewer"),
    );
    expect(response.status).toBe(200);
  });
});

describe("public stream events", () => {
  it("carry the sender's display name, never their or the creator's user id", async () => {
    const response = await callOverHttp(
      api.app,
      "streams.events",
      "subscription",
      { text: encodeJson({ to: { handle: api.star.handle }, lastEventId: "0" }) },
      {},
    );
    expect(response.status).toBe(200);
    const event = JSON.parse(response.body) as Record<string, unknown>;
    expect(event).toMatchObject({ kind: "gift", viewerName: "Fay Fan", giftId: "rose" });
    expect(event).not.toHaveProperty("combo");
    expect(response.body).not.toContain(api.fan.userId);
    expect(response.body).not.toContain(api.star.user.userId);
  });
});
