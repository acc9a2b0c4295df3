import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createLedger } from "../src/ledger/ledger.ts";
import type { TransferRequest } from "../src/ledger/types.ts";
import {
  expectLedgerClean,
  gift,
  newParticipant,
  platform,
  purchase,
  useLedger,
} from "./ledger-fixture.ts";

const ctx = useLedger();

/** A creator with `diamonds` released to their available balance. */
async function creatorWithAvailable(diamonds: bigint) {
  const viewer = await newParticipant(ctx.db);
  const creator = await newParticipant(ctx.db);
  await ctx.ledger.createTransfers([purchase(viewer.wallet, diamonds * 2n)]);
  await ctx.ledger.createTransfers(gift(viewer.wallet, creator.held, diamonds * 2n));
  const [release] = await ctx.ledger.createTransfers([
    {
      id: randomUUID(),
      debitAccountId: creator.held,
      creditAccountId: creator.available,
      asset: "DIAMOND",
      amount: diamonds,
      code: "release",
    },
  ]);
  expect(release?.result).toBe("ok");
  return creator;
}

function withdrawal(from: string, amount: bigint, timeoutSeconds?: number): TransferRequest {
  return {
    id: randomUUID(),
    debitAccountId: from,
    creditAccountId: platform("platform_payout_clearing"),
    asset: "DIAMOND",
    amount,
    code: "payout",
    phase: "pending",
    ...(timeoutSeconds === undefined ? {} : { timeoutSeconds }),
  };
}

describe("two-phase transfers", () => {
  it("reserves funds so a second withdrawal cannot spend them while the first is pending", async () => {
    const creator = await creatorWithAvailable(1_000n);
    const [first] = await ctx.ledger.createTransfers([withdrawal(creator.available, 800n)]);
    const [second] = await ctx.ledger.createTransfers([withdrawal(creator.available, 800n)]);
    expect([first?.result, second?.result]).toEqual(["ok", "exceeds_credits"]);
    const balance = (await ctx.ledger.getBalances([creator.available])).get(creator.available);
    expect(balance?.debitsPending).toBe(800n);
    expect(balance?.available).toBe(200n);
    await expectLedgerClean(ctx.db);
  });

  it("lets exactly one of a concurrent post and void win when both race", async () => {
    for (let round = 0; round < 10; round++) {
      const creator = await creatorWithAvailable(1_000n);
      const pending = withdrawal(creator.available, 600n);
      await ctx.ledger.createTransfers([pending]);
      const other = createLedger(ctx.db.sql, { slotBase: 20 });
      const [[post], [voided]] = await Promise.all([
        ctx.ledger.createTransfers([
          { id: randomUUID(), phase: "post_pending", pendingId: pending.id, code: "payout" },
        ]),
        other.createTransfers([
          { id: randomUUID(), phase: "void_pending", pendingId: pending.id, code: "payout" },
        ]),
      ]);
      const outcomes = [post?.result, voided?.result].sort();
      expect([
        ["ok", "pending_transfer_already_posted"],
        ["ok", "pending_transfer_already_voided"],
      ]).toContainEqual(outcomes);
      const balance = (await ctx.ledger.getBalances([creator.available])).get(creator.available);
      expect(balance?.debitsPending).toBe(0n);
      expect(balance?.debitsPosted).toBe(post?.result === "ok" ? 600n : 0n);
    }
    await expectLedgerClean(ctx.db);
  });

  it("voids an expired reservation, restores the funds and refuses a late post", async () => {
    const creator = await creatorWithAvailable(1_000n);
    const pending = withdrawal(creator.available, 1_000n, 1);
    await ctx.ledger.createTransfers([pending]);
    await new Promise((resolve) => setTimeout(resolve, 1_100));

    const [latePost] = await ctx.ledger.createTransfers([
      { id: randomUUID(), phase: "post_pending", pendingId: pending.id, code: "payout" },
    ]);
    expect(latePost?.result).toBe("pending_transfer_expired");
    expect(await ctx.ledger.voidExpiredPendingTransfers()).toBeGreaterThanOrEqual(1);
    expect(await ctx.ledger.voidExpiredPendingTransfers()).toBe(0);

    const balance = (await ctx.ledger.getBalances([creator.available])).get(creator.available);
    expect(balance?.debitsPending).toBe(0n);
    expect(balance?.available).toBe(1_000n);
    await expectLedgerClean(ctx.db);
  });

  it("posts part of a reservation and releases the rest when the post amount is smaller", async () => {
    const creator = await creatorWithAvailable(1_000n);
    const pending = withdrawal(creator.available, 500n);
    await ctx.ledger.createTransfers([pending]);
    const [post] = await ctx.ledger.createTransfers([
      {
        id: randomUUID(),
        phase: "post_pending",
        pendingId: pending.id,
        amount: 300n,
        code: "payout",
      },
    ]);
    expect(post?.result).toBe("ok");
    const balance = (await ctx.ledger.getBalances([creator.available])).get(creator.available);
    expect(balance?.debitsPosted).toBe(300n);
    expect(balance?.available).toBe(700n);
    await expectLedgerClean(ctx.db);
  });
});

describe("hot user accounts", () => {
  it("counts slot credits when diamonds held across writers are released", async () => {
    const viewer = await newParticipant(ctx.db);
    const creator = await newParticipant(ctx.db);
    await ctx.ledger.createTransfers([purchase(viewer.wallet, 10_000n)]);
    const writers = [
      ctx.ledger,
      createLedger(ctx.db.sql, { slotBase: 8 }),
      createLedger(ctx.db.sql, { slotBase: 24 }),
    ];
    await Promise.all(
      writers.map((w) => w.createTransfers(gift(viewer.wallet, creator.held, 2_000n))),
    );

    const release = (amount: bigint) =>
      ctx.ledger.createTransfers([
        {
          id: randomUUID(),
          debitAccountId: creator.held,
          creditAccountId: creator.available,
          asset: "DIAMOND",
          amount,
          code: "release",
        },
      ]);
    expect((await release(3_001n))[0]?.result).toBe("exceeds_credits");
    expect((await release(3_000n))[0]?.result).toBe("ok");
    const balances = await ctx.ledger.getBalances([creator.held, creator.available]);
    expect(balances.get(creator.held)?.available).toBe(0n);
    expect(balances.get(creator.available)?.available).toBe(3_000n);
    await expectLedgerClean(ctx.db);
  });
});
