import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createLedger } from "../src/ledger/ledger.ts";
import { expectLedgerClean, gift, newParticipant, purchase, useLedger } from "./ledger-fixture.ts";

const ctx = useLedger();

async function transferCount(id: string): Promise<bigint> {
  const [row] = await ctx.db.sql<{ count: bigint }[]>`
    select count(*)::int8 as count from ledger_transfers where id = ${id}`;
  return row?.count ?? 0n;
}

describe("idempotency", () => {
  it("makes one transfer and 50 results naming it when 50 identical transfers race", async () => {
    const viewer = await newParticipant(ctx.db);
    const id = randomUUID();
    const other = createLedger(ctx.db.sql, { slotBase: 40 });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        (i % 2 ? ctx.ledger : other).createTransfers([purchase(viewer.wallet, 700n, id)]),
      ),
    );
    const flat = results.map(([result]) => result);
    expect(flat.filter((r) => r?.result === "ok")).toHaveLength(1);
    expect(flat.filter((r) => r?.result === "exists")).toHaveLength(49);
    const seqs = new Set(flat.map((r) => (r && "transfer" in r ? r.transfer.seq : null)));
    expect(seqs.size).toBe(1);
    expect(await transferCount(id)).toBe(1n);
    expect((await ctx.ledger.getBalances([viewer.wallet])).get(viewer.wallet)?.available).toBe(
      700n,
    );
    await expectLedgerClean(ctx.db);
  });

  it("refuses the same id with another amount and changes nothing", async () => {
    const viewer = await newParticipant(ctx.db);
    const id = randomUUID();
    await ctx.ledger.createTransfers([purchase(viewer.wallet, 100n, id)]);
    const [result] = await ctx.ledger.createTransfers([purchase(viewer.wallet, 1_000_000n, id)]);
    expect(result?.result).toBe("exists_with_different_fields");
    expect((await ctx.ledger.getBalances([viewer.wallet])).get(viewer.wallet)?.available).toBe(
      100n,
    );
    expect(await transferCount(id)).toBe(1n);
    await expectLedgerClean(ctx.db);
  });

  it("keeps a failed id failed when it is retried after a top-up", async () => {
    const viewer = await newParticipant(ctx.db);
    const creator = await newParticipant(ctx.db);
    const ids = { coin: randomUUID(), diamond: randomUUID() };
    const first = await ctx.ledger.createTransfers(gift(viewer.wallet, creator.held, 100n, ids));
    expect(first.map((r) => r.result)).toEqual(["exceeds_credits", "linked_event_failed"]);

    await ctx.ledger.createTransfers([purchase(viewer.wallet, 1_000n)]);
    const retry = await ctx.ledger.createTransfers(gift(viewer.wallet, creator.held, 100n, ids));
    expect(retry.map((r) => r.result)).toEqual(["id_already_failed", "linked_event_failed"]);

    const balances = await ctx.ledger.getBalances([viewer.wallet, creator.held]);
    expect(balances.get(viewer.wallet)?.available).toBe(1_000n);
    expect(balances.get(creator.held)?.creditsPosted).toBe(0n);
    expect(await transferCount(ids.coin)).toBe(0n);
    await expectLedgerClean(ctx.db);
  });

  it("answers exists for a duplicate inside one batch when the id repeats", async () => {
    const viewer = await newParticipant(ctx.db);
    const id = randomUUID();
    const results = await ctx.ledger.createTransfers([
      purchase(viewer.wallet, 5n, id),
      purchase(viewer.wallet, 5n, id),
    ]);
    expect(results.map((r) => r.result)).toEqual(["ok", "exists"]);
    expect((await ctx.ledger.getBalances([viewer.wallet])).get(viewer.wallet)?.available).toBe(5n);
  });
});
