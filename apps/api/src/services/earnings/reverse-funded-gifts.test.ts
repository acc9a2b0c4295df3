import { randomUUID } from "node:crypto";
import { accountId, ensureAccounts } from "@coinstream/db";
import { describe, expect, it } from "vitest";
import { sandboxPaymentIntent } from "../../payments/sandbox-events.ts";
import { createCreator, createFundedPerson, createPerson } from "../../test-support/people.ts";
import { type ReversalEventType, reversalObject } from "../../test-support/stripe-reversals.ts";
import { useSandboxApi } from "../../test-support/test-ledger.ts";
import { deliverStripeEvent } from "../../test-support/webhooks.ts";
import type { Viewer } from "../service-context.ts";
import { clawBackPurchase } from "../store/claw-back-purchase.ts";
import { releaseHeldDiamonds } from "./release-held-diamonds.ts";

const WEBHOOK_SECRET = "whsec_test_coinstream_reversals";
const env = useSandboxApi(WEBHOOK_SECRET);
const DAY = 86_400_000;

const callerFor = (who: Viewer) => env.callerFor(who, { payments: env.payments });

type Creator = Awaited<ReturnType<typeof createCreator>>;

async function creator(): Promise<Creator> {
  const created = await createCreator(env.db.sql);
  await ensureAccounts(env.db.sql, [
    { ownerId: created.user.userId, purpose: "creator_available" },
  ]);
  return created;
}

async function diamondsOf(who: Creator) {
  const available = accountId({ ownerId: who.user.userId, purpose: "creator_available" });
  const balances = await env.ledger.getBalances([who.held, available]);
  return { held: balances.get(who.held)?.available, available: balances.get(available)?.available };
}

/** The diamond leg of the payment sent with `idempotencyKey`. */
async function diamondLeg(to: Creator, idempotencyKey: string): Promise<string> {
  const [leg] = await env.db.sql<{ id: string }[]>`
    select id from ledger_transfers where credit_account_id = ${to.held} and linked_group = ${idempotencyKey}`;
  return leg?.id as string;
}

async function tip(from: Viewer, to: Creator, coins: number): Promise<string> {
  const idempotencyKey = randomUUID();
  await callerFor(from).tips.send({ idempotencyKey, to: { url: to.url }, coins });
  return diamondLeg(to, idempotencyKey);
}

async function gift(from: Viewer, to: Creator, giftId: string, count: number): Promise<string> {
  const idempotencyKey = randomUUID();
  await callerFor(from).gifts.send({ idempotencyKey, to: { url: to.url }, giftId, count });
  return diamondLeg(to, idempotencyKey);
}

async function buyThroughSandbox(who: Viewer, packId: string): Promise<string> {
  const checkout = await callerFor(who).store.checkout({
    idempotencyKey: randomUUID(),
    item: { packId },
  });
  const paid = await env.app.request(`${checkout.checkoutUrl}/pay`, { method: "POST" });
  expect(await paid.text()).toContain("Payment complete");
  return checkout.purchaseId;
}

/** Stripe reports a full refund (or a dispute) of a purchase, signed as Stripe signs it. */
async function reportReversal(purchaseId: string, type: ReversalEventType = "charge.refunded") {
  const paymentIntent = sandboxPaymentIntent(purchaseId);
  const response = await deliverStripeEvent(
    env.app,
    WEBHOOK_SECRET,
    type,
    reversalObject(type, { paymentIntent }),
  );
  expect(response.status).toBe(200);
  return response.json();
}

/** A buyer whose first purchase was paid 40 days ago: past the new-buyer window, so gifts hold 7 days. */
async function establishedBuyer(): Promise<Viewer> {
  const who = await createPerson(env.db.sql);
  const paidAt = new Date(Date.now() - 40 * DAY);
  await env.db.sql`
    insert into purchases (id, user_id, idempotency_key, pack_id, base_coins, bonus_coins, currency,
      price_minor, rate_card_version, provider, status, created_at, paid_at)
    values (${randomUUID()}, ${who.userId}, ${randomUUID()}, 'coins-100', 100, 0, 'USD', 199,
      '2026-11-01', 'sandbox', 'paid', ${paidAt}, ${paidAt})`;
  return who;
}

async function reversalsOf(purchaseId: string) {
  return env.db.sql<
    {
      amount: bigint;
      reversed: string;
      debit: string;
      gift_matches: boolean;
      reason: string;
      is_partial: boolean;
    }[]
  >`
    select r.amount, r.metadata->>'reversedTransferId' as reversed, r.debit_account_id as debit,
      (r.metadata->>'giftAt')::timestamptz = g.created_at as gift_matches,
      r.metadata->>'reason' as reason, (r.metadata->>'isPartial')::boolean as is_partial
    from ledger_transfers r join ledger_transfers g on g.id = (r.metadata->>'reversedTransferId')::uuid
    where r.code = 'gift_reversal' and r.metadata->>'purchaseId' = ${purchaseId}
    order by r.seq`;
}

const debtOf = async (purchaseId: string) =>
  (
    await env.db.sql<{ owed: bigint }[]>`
      select coins_owed as owed from wallet_debts where purchase_id = ${purchaseId}`
  )[0]?.owed;

describe("reverseFundedGifts (through a refund webhook)", () => {
  it("takes back exactly the gifts a refunded purchase paid for from each creator's hold, once", async () => {
    const [a, b] = [await creator(), await creator()];
    const fan = await createFundedPerson(env.db.sql, env.ledger, 1_000n);
    await tip(fan, a, 400);
    await releaseHeldDiamonds(env.db.sql, env.ledger, new Date(Date.now() + 8 * DAY));
    expect(await diamondsOf(a)).toEqual({ held: 0n, available: 200n });

    const buyer = await createPerson(env.db.sql);
    const purchaseId = await buyThroughSandbox(buyer, "coins-500"); // 500 + 50 first-purchase bonus
    const giftToA = await gift(buyer, a, "rainbow", 2); // 200 coins: 100 diamonds
    const tipToB = await tip(buyer, b, 300); // 150 diamonds
    await tip(fan, a, 100);
    await tip(fan, b, 100);
    expect(await diamondsOf(a)).toEqual({ held: 150n, available: 200n });
    expect(await diamondsOf(b)).toEqual({ held: 200n, available: 0n });

    expect(await reportReversal(purchaseId)).toMatchObject({ outcome: "clawed_back" });
    expect(await diamondsOf(a)).toEqual({ held: 50n, available: 200n });
    expect(await diamondsOf(b)).toEqual({ held: 50n, available: 0n });
    expect(await reversalsOf(purchaseId)).toEqual([
      {
        amount: 100n,
        reversed: giftToA,
        debit: a.held,
        gift_matches: true,
        reason: "refund",
        is_partial: false,
      },
      {
        amount: 150n,
        reversed: tipToB,
        debit: b.held,
        gift_matches: true,
        reason: "refund",
        is_partial: false,
      },
    ]);
    // The wallet gave its 50 coins back; the 500 spent stay owed.
    expect((await callerFor(buyer).wallet.get()).coins).toBe(0);
    expect(await debtOf(purchaseId)).toBe(500n);

    await reportReversal(purchaseId);
    await reportReversal(purchaseId, "charge.dispute.created");
    expect(await reversalsOf(purchaseId)).toHaveLength(2);
    expect(await diamondsOf(a)).toEqual({ held: 50n, available: 200n });
    expect(await diamondsOf(b)).toEqual({ held: 50n, available: 0n });
  });

  it("leaves gifts another purchase paid for and takes back only the part it funded", async () => {
    const [a, b] = [await creator(), await creator()];
    const buyer = await createPerson(env.db.sql);
    await buyThroughSandbox(buyer, "coins-500"); // 550 coins
    await tip(buyer, a, 500); // paid before the refunded purchase: 250 diamonds
    const refunded = await buyThroughSandbox(buyer, "coins-100"); // 100 coins, wallet 150
    const tipToB = await tip(buyer, b, 100); // 50 diamonds, wallet 50

    await reportReversal(refunded);
    // 50 coins came back from the wallet; the other 50 paid half of the tip to B.
    expect(await debtOf(refunded)).toBe(50n);
    expect(await diamondsOf(a)).toEqual({ held: 250n, available: 0n });
    expect(await diamondsOf(b)).toEqual({ held: 25n, available: 0n });
    expect(await reversalsOf(refunded)).toMatchObject([{ amount: 25n, reversed: tipToB }]);
  });

  it("counts coins spent on things no creator earned from before any later gift", async () => {
    const [a, b] = [await creator(), await creator()];
    const buyer = await createPerson(env.db.sql);
    const refunded = await buyThroughSandbox(buyer, "coins-500"); // 550 coins
    await callerFor(buyer).profile.buy({
      idempotencyKey: randomUUID(),
      itemId: "color-aqua",
      expectedCoins: 300,
    });
    const tipToA = await tip(buyer, a, 200); // 100 diamonds, wallet 50
    await buyThroughSandbox(buyer, "coins-100"); // wallet 150
    await tip(buyer, b, 100); // paid by the later purchase, wallet 50

    await reportReversal(refunded);
    // 50 came back from the wallet; the other 500 paid the name colour and the tip to A.
    expect(await reversalsOf(refunded)).toMatchObject([{ amount: 100n, reversed: tipToA }]);
    expect(await diamondsOf(a)).toEqual({ held: 0n, available: 0n });
    expect(await diamondsOf(b)).toEqual({ held: 50n, available: 0n });
  });

  it("records the debt and reverses nothing when the coins paid no creator", async () => {
    const buyer = await createPerson(env.db.sql);
    const refunded = await buyThroughSandbox(buyer, "coins-500");
    await callerFor(buyer).profile.buy({
      idempotencyKey: randomUUID(),
      itemId: "frame-silver",
      expectedCoins: 500,
    });
    expect(await reportReversal(refunded)).toMatchObject({ outcome: "clawed_back" });
    expect(await debtOf(refunded)).toBe(500n);
    expect(await reversalsOf(refunded)).toEqual([]);
  });

  it("takes nothing back from gifts whose hold ended before the refund", async () => {
    const a = await creator();
    const buyer = await establishedBuyer();
    const purchaseId = await buyThroughSandbox(buyer, "coins-500");
    await tip(buyer, a, 500);
    const [purchase] = await env.db.sql<{ intent: string }[]>`
      select payment_intent_id as intent from purchases where id = ${purchaseId}`;

    // The refund arrives eight days later: the tip has left its 7-day hold.
    const later = new Date(Date.now() + 8 * DAY);
    expect(
      await clawBackPurchase(env.db.sql, env.ledger, purchase?.intent ?? "", "refund", later),
    ).toBe("clawed_back");
    expect(await reversalsOf(purchaseId)).toEqual([]);
    expect(await diamondsOf(a)).toEqual({ held: 250n, available: 0n });
    expect(await debtOf(purchaseId)).toBe(500n);
  });

  it("takes back at most what is held, records the shortfall, and never touches available diamonds", async () => {
    const a = await creator();
    const buyer = await establishedBuyer();
    const fan = await createFundedPerson(env.db.sql, env.ledger, 1_000n);
    const purchaseId = await buyThroughSandbox(buyer, "coins-500");
    const tipToA = await tip(buyer, a, 500); // 250 diamonds
    await releaseHeldDiamonds(env.db.sql, env.ledger, new Date(Date.now() + 8 * DAY));
    await tip(fan, a, 100); // 50 held
    expect(await diamondsOf(a)).toEqual({ held: 50n, available: 250n });

    await reportReversal(purchaseId, "charge.dispute.created");
    expect(await diamondsOf(a)).toEqual({ held: 0n, available: 250n });
    expect(await reversalsOf(purchaseId)).toMatchObject([
      { amount: 50n, reversed: tipToA, reason: "chargeback", is_partial: true },
    ]);

    await tip(fan, a, 100);
    await reportReversal(purchaseId, "charge.dispute.created");
    expect(await diamondsOf(a)).toEqual({ held: 50n, available: 250n });
    expect(await reversalsOf(purchaseId)).toHaveLength(1);
  });

  it("does not hold back older diamonds because a newer gift was reversed", async () => {
    const a = await creator();
    const fan = await createFundedPerson(env.db.sql, env.ledger, 1_000n);
    const older = await tip(fan, a, 400); // 200 diamonds
    const buyer = await createPerson(env.db.sql);
    const purchaseId = await buyThroughSandbox(buyer, "coins-500");
    await tip(buyer, a, 300); // 150 diamonds, reversed below
    await reportReversal(purchaseId);
    expect(await diamondsOf(a)).toEqual({ held: 200n, available: 0n });

    // The first moment the older tip's hold is over, and the newer one's is not.
    const [row] = await env.db.sql<{ micros: bigint }[]>`
      select (extract(epoch from created_at) * 1000000)::int8 as micros from ledger_transfers where id = ${older}`;
    const olderReleaseAt = Number(((row?.micros ?? 0n) + 999n) / 1000n) + 7 * DAY;
    await releaseHeldDiamonds(env.db.sql, env.ledger, new Date(olderReleaseAt));
    expect(await diamondsOf(a)).toEqual({ held: 0n, available: 200n });

    await releaseHeldDiamonds(env.db.sql, env.ledger, new Date(Date.now() + 8 * DAY));
    expect(await diamondsOf(a)).toEqual({ held: 0n, available: 200n });
  });
});

describe("reversing carried gifts", () => {
  it("takes back exactly the diamond a rose credited from the carried half, and no more", async () => {
    const a = await creator();
    const fan = await createFundedPerson(env.db.sql, env.ledger, 10n);
    await gift(fan, a, "rose", 1); // half a diamond carried, none credited
    const buyer = await createPerson(env.db.sql);
    const purchaseId = await buyThroughSandbox(buyer, "coins-500");
    await tip(buyer, a, 499); // 500 coins at 50% so far: 250 diamonds, of which this tip 250
    const rose = await gift(buyer, a, "rose", 1); // 501 coins: still 250, no diamond leg
    expect(rose).toBeUndefined();
    expect(await diamondsOf(a)).toEqual({ held: 250n, available: 0n });

    await reportReversal(purchaseId);
    expect((await reversalsOf(purchaseId)).map((r) => r.amount)).toEqual([250n]);
    expect(await diamondsOf(a)).toEqual({ held: 0n, available: 0n });
  });
});

describe("the new-buyer hold", () => {
  it("holds a new buyer's gift 30 days after their purchase, shows it in creator.status, and releases it then", async () => {
    const a = await creator();
    const buyer = await createPerson(env.db.sql);
    const purchaseId = await buyThroughSandbox(buyer, "coins-500");
    await tip(buyer, a, 500); // 250 diamonds
    const [purchase] = await env.db.sql<{ paid_at: Date }[]>`
      select paid_at from purchases where id = ${purchaseId}`;
    if (!purchase) throw new Error("the purchase vanished");
    const disputableUntil = new Date(purchase.paid_at.getTime() + 30 * DAY);

    const status = await callerFor(a.user).creator.status();
    expect(status).toMatchObject({
      diamonds: { held: 250, nextReleaseAt: disputableUntil.toISOString() },
    });
    await releaseHeldDiamonds(env.db.sql, env.ledger, new Date(Date.now() + 8 * DAY));
    expect(await diamondsOf(a)).toEqual({ held: 250n, available: 0n });
    await releaseHeldDiamonds(env.db.sql, env.ledger, new Date(disputableUntil.getTime() - 1));
    expect(await diamondsOf(a)).toEqual({ held: 250n, available: 0n });
    await releaseHeldDiamonds(env.db.sql, env.ledger, disputableUntil);
    expect(await diamondsOf(a)).toEqual({ held: 0n, available: 250n });
  });

  it("takes back a new buyer's gift when their card is disputed on day 20", async () => {
    const a = await creator();
    const buyer = await createPerson(env.db.sql);
    const purchaseId = await buyThroughSandbox(buyer, "coins-500");
    const tipToA = await tip(buyer, a, 500);
    const [purchase] = await env.db.sql<{ intent: string }[]>`
      select payment_intent_id as intent from purchases where id = ${purchaseId}`;
    const day20 = new Date(Date.now() + 20 * DAY);
    await releaseHeldDiamonds(env.db.sql, env.ledger, day20);
    expect(
      await clawBackPurchase(env.db.sql, env.ledger, purchase?.intent ?? "", "chargeback", day20),
    ).toBe("clawed_back");
    expect(await reversalsOf(purchaseId)).toMatchObject([{ amount: 250n, reversed: tipToA }]);
    expect(await diamondsOf(a)).toEqual({ held: 0n, available: 0n });
    // Past its hold the release job has nothing to release and does not go below zero.
    await releaseHeldDiamonds(env.db.sql, env.ledger, new Date(Date.now() + 40 * DAY));
    expect(await diamondsOf(a)).toEqual({ held: 0n, available: 0n });
  });

  it("holds an established buyer's gift the usual 7 days", async () => {
    const a = await creator();
    const buyer = await establishedBuyer();
    await buyThroughSandbox(buyer, "coins-500");
    await tip(buyer, a, 500);
    await releaseHeldDiamonds(env.db.sql, env.ledger, new Date(Date.now() + 8 * DAY));
    expect(await diamondsOf(a)).toEqual({ held: 0n, available: 250n });
  });
});
