import { describe, expect, it } from "vitest";
import { expectLedgerClean, newParticipant, purchase, useLedger } from "./ledger-fixture.ts";

const ctx = useLedger();

describe("ledger_transfers", () => {
  it("refuses UPDATE, DELETE and TRUNCATE of transfers and DELETE of accounts when anyone tries to rewrite history", async () => {
    const viewer = await newParticipant(ctx.db);
    const transfer = purchase(viewer.wallet, 100n);
    await ctx.ledger.createTransfers([transfer]);

    await expect(
      ctx.db.sql`update ledger_transfers set amount = 1 where id = ${transfer.id}`,
    ).rejects.toThrow(/append-only/);
    await expect(
      ctx.db.sql`delete from ledger_transfers where id = ${transfer.id}`,
    ).rejects.toThrow(/append-only/);
    await expect(ctx.db.sql`truncate ledger_transfers cascade`).rejects.toThrow(/append-only/);
    const [row] = await ctx.db.sql<
      { amount: bigint }[]
    >`select amount from ledger_transfers where id = ${transfer.id}`;
    expect(row?.amount).toBe(100n);
    await expectLedgerClean(ctx.db);
  });

  it("refuses an overdraft written behind the engine's back when the CHECK applies", async () => {
    const viewer = await newParticipant(ctx.db);
    await ctx.ledger.createTransfers([purchase(viewer.wallet, 100n)]);
    await expect(
      ctx.db
        .sql`update ledger_accounts set debits_posted = debits_posted + 101 where id = ${viewer.wallet}`,
    ).rejects.toThrow(/ledger_accounts_debits_must_not_exceed_credits/);
    await expectLedgerClean(ctx.db);
  });
});
