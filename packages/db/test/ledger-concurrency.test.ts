import { describe, expect, it } from "vitest";
import { createLedger } from "../src/ledger/ledger.ts";
import type { TransferResult } from "../src/ledger/types.ts";
import { expectLedgerClean, gift, newParticipant, purchase, useLedger } from "./ledger-fixture.ts";

const ctx = useLedger();

const resultCounts = (results: TransferResult[]) =>
  results.reduce<Record<string, number>>((counts, r) => {
    counts[r.result] = (counts[r.result] ?? 0) + 1;
    return counts;
  }, {});

describe("concurrent gifts", () => {
  it("lets exactly 100 of 200 concurrent 10-coin gifts through when the wallet holds 1,000 coins", async () => {
    const viewer = await newParticipant(ctx.db);
    const creator = await newParticipant(ctx.db);
    await ctx.ledger.createTransfers([purchase(viewer.wallet, 1_000n)]);
    // A second ledger instance stands in for a second api process on the same database.
    const other = createLedger(ctx.db.sql, { slotBase: 32 });

    const seen: bigint[] = [];
    let done = false;
    const watcher = (async () => {
      while (!done) {
        const balance = (await ctx.ledger.getBalances([viewer.wallet])).get(viewer.wallet);
        if (balance) seen.push(balance.available);
      }
    })();

    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        (i % 2 === 0 ? ctx.ledger : other).createTransfers(gift(viewer.wallet, creator.held, 10n)),
      ),
    );
    done = true;
    await watcher;

    const coinLegs = results.map((legs) => legs[0] as TransferResult);
    expect(resultCounts(coinLegs)).toEqual({ ok: 100, exceeds_credits: 100 });
    for (const legs of results)
      expect(legs[1]?.result).toBe(legs[0]?.result === "ok" ? "ok" : "linked_event_failed");

    const balances = await ctx.ledger.getBalances([viewer.wallet, creator.held]);
    expect(balances.get(viewer.wallet)?.available).toBe(0n);
    expect(balances.get(creator.held)?.creditsPosted).toBe(100n * 5n);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((available) => available >= 0n)).toBe(true);
    await expectLedgerClean(ctx.db);
  });

  it("credits a hot creator exactly the successful gifts when 64 senders send 50 gifts each", async () => {
    const creator = await newParticipant(ctx.db);
    const senders = await Promise.all(Array.from({ length: 64 }, () => newParticipant(ctx.db)));
    // Each sender can afford 40 of its 50 gifts, so some fail and must leave no trace.
    await ctx.ledger.createTransfers(senders.map((sender) => purchase(sender.wallet, 40n * 20n)));
    const ledgers = [
      ctx.ledger,
      createLedger(ctx.db.sql, { slotBase: 16 }),
      createLedger(ctx.db.sql, { slotBase: 48 }),
    ];

    const outcomes = await Promise.all(
      senders.map(async (sender, s) => {
        const ledger = ledgers[s % ledgers.length] as (typeof ledgers)[number];
        let ok = 0;
        for (let i = 0; i < 50; i++) {
          const [coinLeg] = await ledger.createTransfers(gift(sender.wallet, creator.held, 20n));
          if (coinLeg?.result === "ok") ok++;
          else expect(coinLeg?.result).toBe("exceeds_credits");
        }
        return ok;
      }),
    );

    expect(outcomes.every((ok) => ok === 40)).toBe(true);
    const balances = await ctx.ledger.getBalances([creator.held, ...senders.map((s) => s.wallet)]);
    expect(balances.get(creator.held)?.creditsPosted).toBe(64n * 40n * 10n);
    for (const sender of senders) expect(balances.get(sender.wallet)?.available).toBe(0n);
    const [slots] = await ctx.db.sql<{ count: bigint }[]>`
      select count(*)::int8 as count from ledger_account_slots where account_id = ${creator.held}`;
    expect(slots?.count).toBeGreaterThan(1n);
    await expectLedgerClean(ctx.db);
  });
});
