import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { connect } from "../src/client.ts";
import { accountId, ensureAccounts } from "../src/ledger/accounts.ts";
import { expectLedgerClean, useLedger } from "./ledger-fixture.ts";

const ctx = useLedger();

describe("ensureAccounts on the hot path", () => {
  it("answers an account it already stored from memory, without a round trip", async () => {
    const pool = connect(ctx.db.url, 1);
    const ref = { ownerId: `user-${randomUUID()}`, purpose: "viewer_wallet" } as const;
    expect(await ensureAccounts(pool, [ref])).toEqual([accountId(ref)]);
    await pool.end();
    // The pool is closed: only an answer from memory can succeed.
    expect(await ensureAccounts(pool, [ref])).toEqual([accountId(ref)]);
    const other = { ownerId: `user-${randomUUID()}`, purpose: "viewer_wallet" } as const;
    await expect(ensureAccounts(pool, [ref, other])).rejects.toThrow();
  });

  it("remembers nothing ensured inside a transaction that rolled back", async () => {
    const ref = { ownerId: `user-${randomUUID()}`, purpose: "viewer_wallet" } as const;
    await expect(
      ctx.db.sql.begin(async (tx) => {
        await ensureAccounts(tx as never, [ref]);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    await ensureAccounts(ctx.db.sql, [ref]);
    const [row] = await ctx.db.sql<{ id: string }[]>`
      select id from ledger_accounts where id = ${accountId(ref)}`;
    expect(row?.id).toBe(accountId(ref));
    await expectLedgerClean(ctx.db);
  });
});
