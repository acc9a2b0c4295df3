import { randomUUID } from "node:crypto";
import { accountId, ensureAccounts, PLATFORM_OWNER } from "@coinstream/db";
import { describe, expect, it } from "vitest";
import { createCreator, createPerson, fundWallet } from "../../test-support/people.ts";
import { useTestLedger } from "../../test-support/test-ledger.ts";
import { GIFT_REVERSAL } from "./lock-creator-hold.ts";
import { releaseHeldDiamonds } from "./release-held-diamonds.ts";

const env = useTestLedger();
const DAY = 86_400_000;

/** A creator tipped `coins` (half become held diamonds), with the tip's diamond leg and a way to tip again. */
async function tippedCreator(coins: number) {
  const viewer = await createPerson(env.db.sql);
  const target = await createCreator(env.db.sql);
  await ensureAccounts(env.db.sql, [{ ownerId: target.user.userId, purpose: "creator_available" }]);
  await fundWallet(env.db.sql, env.ledger, viewer, 10_000n);
  const tip = (tipCoins: number, idempotencyKey = randomUUID()) =>
    env.callerFor(viewer).tips.send({ idempotencyKey, to: { url: target.url }, coins: tipCoins });
  const idempotencyKey = randomUUID();
  await tip(coins, idempotencyKey);
  const [leg] = await env.db.sql<{ id: string; micros: bigint; gift_at: string }[]>`
    select id, (extract(epoch from created_at) * 1000000)::int8 as micros,
      to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as gift_at
    from ledger_transfers where credit_account_id = ${target.held} and linked_group = ${idempotencyKey}`;
  if (!leg) throw new Error("the tip has no diamond leg");
  const available = accountId({ ownerId: target.user.userId, purpose: "creator_available" });
  const balances = async () => {
    const map = await env.ledger.getBalances([target.held, available]);
    return { held: map.get(target.held)?.available, available: map.get(available)?.available };
  };
  // Timestamps keep microseconds; the first whole millisecond at or after the tip ends its hold.
  const holdEndsAt = Number((leg.micros + 999n) / 1000n) + 7 * DAY;
  return { target, leg, balances, holdEndsAt, tip };
}

describe("releaseHeldDiamonds", () => {
  it("releases a gift at the instant its 7-day hold ends and not a millisecond earlier", async () => {
    const { balances, holdEndsAt } = await tippedCreator(300);
    await releaseHeldDiamonds(env.db.sql, env.ledger, new Date(holdEndsAt - 1));
    expect(await balances()).toEqual({ held: 150n, available: 0n });

    await releaseHeldDiamonds(env.db.sql, env.ledger, new Date(holdEndsAt));
    expect(await balances()).toEqual({ held: 0n, available: 150n });
  });

  it("releases less by what was reversed of gifts older than the cutoff, and still releases once", async () => {
    const { target, leg, balances, holdEndsAt, tip } = await tippedCreator(1_000);
    const [reversal] = await env.ledger.createTransfers([
      {
        id: randomUUID(),
        debitAccountId: target.held,
        creditAccountId: accountId({
          ownerId: PLATFORM_OWNER,
          purpose: "platform_diamond_issuance",
        }),
        asset: "DIAMOND",
        amount: 120n,
        code: GIFT_REVERSAL,
        metadata: { reversedTransferId: leg.id, giftAt: leg.gift_at, reason: "refund" },
      },
    ]);
    expect(reversal?.result).toBe("ok");
    await tip(100); // 50 diamonds, still held at the first cutoff
    expect(await balances()).toEqual({ held: 430n, available: 0n });

    const at = new Date(holdEndsAt);
    await Promise.all([
      releaseHeldDiamonds(env.db.sql, env.ledger, at),
      releaseHeldDiamonds(env.db.sql, env.ledger, at),
    ]);
    await releaseHeldDiamonds(env.db.sql, env.ledger, at);
    expect(await balances()).toEqual({ held: 50n, available: 380n });

    await releaseHeldDiamonds(env.db.sql, env.ledger, new Date(holdEndsAt + DAY));
    expect(await balances()).toEqual({ held: 0n, available: 430n });
  });
});
