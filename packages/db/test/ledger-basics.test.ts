import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  expectLedgerClean,
  gift,
  newParticipant,
  platform,
  purchase,
  useLedger,
} from "./ledger-fixture.ts";

const ctx = useLedger();

describe("createTransfers", () => {
  it("moves coins and diamonds when a funded viewer sends a gift", async () => {
    const viewer = await newParticipant(ctx.db);
    const creator = await newParticipant(ctx.db);
    expect((await ctx.ledger.createTransfers([purchase(viewer.wallet, 1_000n)]))[0]?.result).toBe(
      "ok",
    );

    const results = await ctx.ledger.createTransfers(gift(viewer.wallet, creator.held, 100n));
    expect(results.map((r) => r.result)).toEqual(["ok", "ok"]);

    const balances = await ctx.ledger.getBalances([
      viewer.wallet,
      creator.held,
      platform("platform_coin_revenue"),
    ]);
    expect(balances.get(viewer.wallet)?.available).toBe(900n);
    expect(balances.get(creator.held)?.creditsPosted).toBe(50n);
    await expectLedgerClean(ctx.db);
  });

  it("writes neither leg when the coin leg of a gift exceeds the wallet", async () => {
    const viewer = await newParticipant(ctx.db);
    const creator = await newParticipant(ctx.db);
    await ctx.ledger.createTransfers([purchase(viewer.wallet, 10n)]);
    const results = await ctx.ledger.createTransfers(gift(viewer.wallet, creator.held, 100n));
    expect(results.map((r) => r.result)).toEqual(["exceeds_credits", "linked_event_failed"]);
    const balances = await ctx.ledger.getBalances([viewer.wallet, creator.held]);
    expect(balances.get(viewer.wallet)?.available).toBe(10n);
    expect(balances.get(creator.held)?.creditsPosted).toBe(0n);
    await expectLedgerClean(ctx.db);
  });

  it("returns exists with the original transfer when the same id is sent again", async () => {
    const viewer = await newParticipant(ctx.db);
    const id = randomUUID();
    const [first] = await ctx.ledger.createTransfers([purchase(viewer.wallet, 500n, id)]);
    const [again] = await ctx.ledger.createTransfers([purchase(viewer.wallet, 500n, id)]);
    const [other] = await ctx.ledger.createTransfers([purchase(viewer.wallet, 501n, id)]);
    expect(first?.result).toBe("ok");
    expect(again?.result).toBe("exists");
    expect(again && "transfer" in again && first && "transfer" in first && again.transfer.seq).toBe(
      first && "transfer" in first && first.transfer.seq,
    );
    expect(other?.result).toBe("exists_with_different_fields");
    expect((await ctx.ledger.getBalances([viewer.wallet])).get(viewer.wallet)?.available).toBe(
      500n,
    );
    await expectLedgerClean(ctx.db);
  });
});
