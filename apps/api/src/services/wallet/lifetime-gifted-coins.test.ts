import { randomUUID } from "node:crypto";
import { accountId, PLATFORM_OWNER, type TransferRequest } from "@coinstream/db";
import { describe, expect, it } from "vitest";
import { createFundedPerson, createPerson } from "../../test-support/people.ts";
import { useTestLedger } from "../../test-support/test-ledger.ts";
import { CHECKPOINT_AFTER_TRANSFERS, readLifetimeGiftedCoins } from "./lifetime-gifted-coins.ts";
import { ensureViewerWallet } from "./viewer-wallet.ts";

const env = useTestLedger();
const revenue = accountId({ ownerId: PLATFORM_OWNER, purpose: "platform_coin_revenue" });

/** `count` spends of `coins` each from the wallet, as single transfers with `code`. */
async function spend(wallet: string, count: number, coins: bigint, code: "gift" | "tip" | "boost") {
  const transfers: TransferRequest[] = Array.from({ length: count }, () => ({
    id: randomUUID(),
    debitAccountId: wallet,
    creditAccountId: revenue,
    asset: "COIN",
    amount: coins,
    code,
  }));
  const results = await env.ledger.createTransfers(transfers);
  expect(results.every((r) => r.result === "ok")).toBe(true);
}

async function summedFromHistory(wallet: string): Promise<bigint> {
  const [row] = await env.db.sql<{ coins: bigint }[]>`
    select coalesce(sum(amount), 0)::int8 as coins from ledger_transfers
    where debit_account_id = ${wallet} and code in ('gift', 'tip') and phase = 'single'`;
  return row?.coins ?? 0n;
}

async function checkpointOf(wallet: string) {
  const [row] = await env.db.sql<{ gifted_coins: bigint; through_seq: bigint }[]>`
    select gifted_coins, through_seq from wallet_gifted_checkpoints where wallet_id = ${wallet}`;
  return row ?? null;
}

describe("readLifetimeGiftedCoins", () => {
  it("is zero with no checkpoint written when a wallet has given nothing", async () => {
    const wallet = await ensureViewerWallet(env.db.sql, (await createPerson(env.db.sql)).userId);
    expect(await readLifetimeGiftedCoins(env.db.sql, wallet)).toBe(0n);
    expect(await checkpointOf(wallet)).toBeNull();
  });

  it("equals the sum of gifts and tips, boosts left out, before and after the checkpoint moves", async () => {
    const who = await createFundedPerson(env.db.sql, env.ledger, 100_000n);
    const wallet = await ensureViewerWallet(env.db.sql, who.userId);
    await spend(wallet, CHECKPOINT_AFTER_TRANSFERS - 10, 10n, "gift");
    await spend(wallet, 5, 3n, "boost");
    expect(await readLifetimeGiftedCoins(env.db.sql, wallet)).toBe(await summedFromHistory(wallet));
    expect(await checkpointOf(wallet)).toBeNull();

    await spend(wallet, 15, 7n, "tip");
    const total = await summedFromHistory(wallet);
    expect(await readLifetimeGiftedCoins(env.db.sql, wallet)).toBe(total);
    const [newest] = await env.db.sql<{ seq: bigint }[]>`
      select max(seq) as seq from ledger_transfers
      where debit_account_id = ${wallet} and code in ('gift', 'tip')`;
    expect(await checkpointOf(wallet)).toEqual({ gifted_coins: total, through_seq: newest?.seq });

    await spend(wallet, 3, 20n, "gift");
    await spend(wallet, 2, 3n, "boost");
    expect(await readLifetimeGiftedCoins(env.db.sql, wallet)).toBe(total + 60n);
    expect(await summedFromHistory(wallet)).toBe(total + 60n);
  });

  it("moves the checkpoint forward once the tail after it has grown again", async () => {
    const who = await createFundedPerson(env.db.sql, env.ledger, 100_000n);
    const wallet = await ensureViewerWallet(env.db.sql, who.userId);
    await spend(wallet, CHECKPOINT_AFTER_TRANSFERS, 1n, "gift");
    expect(await readLifetimeGiftedCoins(env.db.sql, wallet)).toBe(100n);
    const first = await checkpointOf(wallet);
    await spend(wallet, CHECKPOINT_AFTER_TRANSFERS, 2n, "gift");
    expect(await readLifetimeGiftedCoins(env.db.sql, wallet)).toBe(300n);
    const second = await checkpointOf(wallet);
    expect(first?.gifted_coins).toBe(100n);
    expect(second?.gifted_coins).toBe(300n);
    expect(second?.through_seq).toBeGreaterThan(first?.through_seq ?? 0n);
  });
});
