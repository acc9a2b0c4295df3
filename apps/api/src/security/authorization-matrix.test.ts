import { readFileSync } from "node:fs";
import { isDomainError } from "@coinstream/core";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StreamEventHub } from "../realtime/stream-event-hub.ts";
import { useTestLedger } from "../test-support/test-ledger.ts";
import { TRPC_CODE_FOR } from "../trpc/domain-error-codes.ts";
import type { ProcedurePath } from "../trpc/procedure-paths.ts";
import { appRouter } from "../trpc/root.ts";
import {
  AUTHORIZATION_DOC_PATH,
  AUTHORIZATION_MATRIX,
  type Outcome,
  renderAuthorizationMarkdown,
} from "./authorization-matrix.ts";
import { digestDatabase, digestPersonRows, ledgerTotals } from "./database-digest.ts";
import { callPath, MATRIX_CASES } from "./matrix-cases.ts";
import { type Caller, MatrixWorld } from "./matrix-world.ts";
import { ROLE_LABELS, ROLES, type Role } from "./roles.ts";

const env = useTestLedger();
let hub: StreamEventHub;
beforeAll(async () => {
  hub = new StreamEventHub(env.db.sql);
  await hub.start();
});
afterAll(async () => {
  await hub.stop();
});

const procedures = appRouter._def.procedures as unknown as Record<
  string,
  { _def: { type: string } }
>;

/** Whose things an "another ..." caller aims at. */
const FIRST_OF: Partial<Record<Role, "viewer" | "creator">> = {
  otherViewer: "viewer",
  otherCreator: "creator",
};

/** What a call came to: `allowed`, the code it was refused with, or what else went wrong. */
type Attempt =
  | { readonly outcome: "allowed"; readonly result: unknown }
  | { readonly outcome: string; readonly error: unknown };

async function attempt(caller: Caller, path: string, input: unknown): Promise<Attempt> {
  try {
    let result = await callPath(caller, path, input);
    if (procedures[path]?._def.type === "subscription") {
      // A resuming subscriber gets the stream's stored events first; one is enough, then it leaves.
      for await (const event of result as AsyncIterable<unknown>) {
        result = event;
        break;
      }
    }
    return { outcome: "allowed", result };
  } catch (error) {
    if (!(error instanceof TRPCError)) return { outcome: `threw ${String(error)}`, error };
    const domain = isDomainError(error.cause) ? error.cause.code : null;
    const outcome = domain ?? error.code;
    // The client sees tRPC's code: it must be the one the table maps the rulebook's code to.
    const expectedCode = domain ? TRPC_CODE_FOR[domain] : error.code;
    return {
      outcome: error.code === expectedCode ? outcome : `${outcome} as ${error.code}`,
      error,
    };
  }
}

/** Refused cells first, so what they aim at is still as it was made. */
const callOrder = (row: Readonly<Record<Role, Outcome>>) =>
  [...ROLES].sort((a, b) => Number(row[a] === "allowed") - Number(row[b] === "allowed"));

describe("AUTHORIZATION_MATRIX", () => {
  it("has a row and a case for every procedure of the AppRouter, and no others", () => {
    const paths = Object.keys(procedures).sort();
    expect(Object.keys(AUTHORIZATION_MATRIX).sort()).toEqual(paths);
    expect(Object.keys(MATRIX_CASES).sort()).toEqual(paths);
  });

  it("is what docs/AUTHORIZATION.md shows (run `pnpm --filter @coinstream/api authorization-matrix --write` after changing it)", () => {
    expect(readFileSync(AUTHORIZATION_DOC_PATH, "utf8")).toBe(renderAuthorizationMarkdown());
  });
});

describe("every procedure x role", () => {
  for (const path of Object.keys(procedures)) {
    it(`${path}: every role gets its cell, refusals change nothing, nobody touches another's rows`, async () => {
      const row = AUTHORIZATION_MATRIX[path as ProcedurePath];
      const arrange = MATRIX_CASES[path as ProcedurePath];
      expect(row, `${path} needs a row in AUTHORIZATION_MATRIX`).toBeDefined();
      expect(arrange, `${path} needs a case in MATRIX_CASES`).toBeDefined();
      const { sql } = env.db;
      const world = await MatrixWorld.create(sql, env.ledger, hub);
      const wrong: string[] = [];

      for (const role of callOrder(row)) {
        const expected = row[role];
        const input = await arrange(world, role);
        const first = FIRST_OF[role];
        const refused = expected !== "allowed";
        const before = {
          database: refused ? await digestDatabase(sql) : null,
          ledger: refused ? await ledgerTotals(sql) : null,
          firstRows: first ? await digestPersonRows(sql, world.people[first].userId) : null,
        };

        const got = await attempt(world.callerAs(role), path, input);
        const cell = `${ROLE_LABELS[role]}: expected ${expected}, got ${got.outcome}`;
        if (got.outcome !== expected) {
          wrong.push(`${cell}${"error" in got ? ` (${String(got.error)})` : ""}`);
        }
        if (refused) {
          if (
            JSON.stringify(await ledgerTotals(sql), bigints) !==
            JSON.stringify(before.ledger, bigints)
          ) {
            wrong.push(`${cell}, and the ledger changed`);
          }
          const after = await digestDatabase(sql);
          const changed = Object.keys(after).filter((t) => after[t] !== before.database?.[t]);
          if (changed.length > 0) wrong.push(`${cell}, and changed ${changed.join(", ")}`);
        }
        if (first) {
          const after = await digestPersonRows(sql, world.people[first].userId);
          const changed = Object.keys(after).filter((t) => after[t] !== before.firstRows?.[t]);
          if (changed.length > 0)
            wrong.push(`${cell}, and changed the ${first}'s ${changed.join(", ")}`);
          const seen = JSON.stringify("result" in got ? got.result : describeError(got.error));
          const leaked = world.idsOf(first).filter((id) => seen.includes(id));
          if (leaked.length > 0)
            wrong.push(`${cell}, and was shown the ${first}'s ${leaked.join(", ")}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }
});

const bigints = (_key: string, value: unknown) =>
  typeof value === "bigint" ? value.toString() : value;

function describeError(error: unknown) {
  if (!(error instanceof TRPCError)) return String(error);
  const cause = isDomainError(error.cause) ? error.cause : null;
  return { message: error.message, details: cause?.details ?? null };
}
