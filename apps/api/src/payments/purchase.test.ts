import { randomUUID } from "node:crypto";
import { accountId, PLATFORM_OWNER } from "@coinstream/db";
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { viewerWalletRef } from "../services/wallet/viewer-wallet.ts";
import { useSandboxApi } from "../test-support/test-ledger.ts";
import { createContext, type Viewer } from "../trpc/context.ts";
import { createCallerFactory } from "../trpc/init.ts";
import { appRouter } from "../trpc/root.ts";

const WEBHOOK_SECRET = "whsec_test_coinstream_sandbox_secret";
const stripe = new Stripe("sk_test_offline");
const env = useSandboxApi(WEBHOOK_SECRET);
const createCaller = createCallerFactory(appRouter);

function viewer(overrides: Partial<Viewer> = {}): Viewer {
  return {
    userId: `user-${randomUUID()}`,
    name: "Test Person",
    email: "buyer@example.com",
    emailVerified: true,
    dateOfBirth: new Date("1990-01-01"),
    region: "DE",
    createdAt: new Date("2026-01-01"),
    ...overrides,
  };
}
const callerFor = (who: Viewer) =>
  createCaller(createContext({ sql: env.db.sql, ledger: env.ledger, payments: env.payments }, who));
const coinsOf = async (who: Viewer) => (await callerFor(who).wallet.get()).coins;

async function mintedRows(purchaseId: string) {
  return env.db.sql<{ code: string; amount: bigint }[]>`
    select code, amount from ledger_transfers where metadata->>'purchaseId' = ${purchaseId} order by code`;
}

/** A Stripe-shaped completion event for a purchase, as Stripe would send it. */
function completedEvent(
  purchaseId: string,
  sessionId: string,
  amountMinor: number,
  currency = "eur",
  eventId = `evt_${randomUUID()}`,
) {
  return JSON.stringify({
    id: eventId,
    object: "event",
    type: "checkout.session.completed",
    created: Math.floor(Date.now() / 1000),
    data: {
      object: {
        id: sessionId,
        object: "checkout.session",
        client_reference_id: purchaseId,
        payment_status: "paid",
        amount_total: amountMinor,
        currency,
      },
    },
  });
}
const deliver = (payload: string, signature: string) =>
  env.app.request("http://coinstream.test/webhooks/stripe", {
    method: "POST",
    headers: { "stripe-signature": signature },
    body: payload,
  });
const sign = (payload: string, secret = WEBHOOK_SECRET, timestamp?: number) =>
  stripe.webhooks.generateTestHeaderString({
    payload,
    secret,
    ...(timestamp ? { timestamp } : {}),
  });

async function startPurchase(who: Viewer, packId = "coins-500") {
  const checkout = await callerFor(who).store.checkout({
    idempotencyKey: randomUUID(),
    item: { packId },
  });
  const [row] = await env.db.sql<
    { provider_session_id: string }[]
  >`select provider_session_id from purchases where id = ${checkout.purchaseId}`;
  return { ...checkout, sessionId: row?.provider_session_id as string };
}

describe("buying coins through the sandbox checkout", () => {
  it("mints the pack and the first-purchase bonus when the buyer pays on the checkout page", async () => {
    const buyer = viewer();
    const checkout = await callerFor(buyer).store.checkout({
      idempotencyKey: randomUUID(),
      item: { packId: "coins-500" },
    });
    expect(checkout.quote).toMatchObject({ currency: "EUR", priceMinor: 899, totalCoins: 550 });

    const page = await (await env.app.request(checkout.checkoutUrl)).text();
    expect(page).toContain("550 coins");
    expect(page).toContain("€8.99");
    const paid = await env.app.request(`${checkout.checkoutUrl}/pay`, { method: "POST" });
    expect(await paid.text()).toContain("Payment complete");

    expect(await coinsOf(buyer)).toBe(550);
    expect((await mintedRows(checkout.purchaseId)).map((r) => [r.code, r.amount])).toEqual([
      ["bonus", 50n],
      ["purchase", 500n],
    ]);
    expect((await callerFor(buyer).store.purchases())[0]).toMatchObject({
      status: "paid",
      coins: 550,
      priceMinor: 899,
    });
  });

  it("mints nothing and marks the purchase failed when the buyer declines", async () => {
    const buyer = viewer();
    const checkout = await startPurchase(buyer);
    await env.app.request(`${checkout.checkoutUrl}/decline`, { method: "POST" });
    expect(await coinsOf(buyer)).toBe(0);
    expect((await callerFor(buyer).store.purchases())[0]?.status).toBe("failed");
  });

  it("returns the same purchase for a retried key and refuses the key for another pack", async () => {
    const buyer = viewer();
    const key = randomUUID();
    const first = await callerFor(buyer).store.checkout({
      idempotencyKey: key,
      item: { packId: "coins-100" },
    });
    const again = await callerFor(buyer).store.checkout({
      idempotencyKey: key,
      item: { packId: "coins-100" },
    });
    expect(again.purchaseId).toBe(first.purchaseId);
    await expect(
      callerFor(buyer).store.checkout({ idempotencyKey: key, item: { packId: "coins-1000" } }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("the Stripe webhook", () => {
  it("mints once when the same signed event is delivered twice", async () => {
    const buyer = viewer();
    const { purchaseId, sessionId } = await startPurchase(buyer);
    const payload = completedEvent(purchaseId, sessionId, 899);
    expect((await deliver(payload, sign(payload))).status).toBe(200);
    const second = await deliver(payload, sign(payload));
    expect(await second.json()).toEqual({ received: true, duplicate: true });
    expect(await coinsOf(buyer)).toBe(550);
  });

  it("mints once when Stripe reports the same payment in two different events", async () => {
    const buyer = viewer();
    const { purchaseId, sessionId } = await startPurchase(buyer);
    const payloads = [
      completedEvent(purchaseId, sessionId, 899),
      completedEvent(purchaseId, sessionId, 899),
    ];
    const responses = await Promise.all(payloads.map((p) => deliver(p, sign(p))));
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    expect(await coinsOf(buyer)).toBe(550);
    expect(await mintedRows(purchaseId)).toHaveLength(2);
  });

  it.each([
    ["a forged signature", (p: string) => sign(p, "whsec_someone_else")],
    [
      "a stale timestamp",
      (p: string) => sign(p, WEBHOOK_SECRET, Math.floor(Date.now() / 1000) - 400),
    ],
    ["no signature", () => ""],
  ])("refuses %s with 400 and mints nothing", async (_label, signer) => {
    const buyer = viewer();
    const { purchaseId, sessionId } = await startPurchase(buyer);
    const payload = completedEvent(purchaseId, sessionId, 899);
    expect((await deliver(payload, signer(payload))).status).toBe(400);
    expect(await coinsOf(buyer)).toBe(0);
  });

  it("refuses a body changed after signing", async () => {
    const buyer = viewer();
    const { purchaseId, sessionId } = await startPurchase(buyer);
    const signature = sign(completedEvent(purchaseId, sessionId, 1, "eur", "evt_fixed"));
    const tampered = completedEvent(purchaseId, sessionId, 899, "eur", "evt_fixed");
    expect((await deliver(tampered, signature)).status).toBe(400);
    expect(await coinsOf(buyer)).toBe(0);
  });

  it("mints nothing when the paid amount differs from the quote", async () => {
    const buyer = viewer();
    const { purchaseId, sessionId } = await startPurchase(buyer);
    const payload = completedEvent(purchaseId, sessionId, 1);
    const response = await deliver(payload, sign(payload));
    expect(await response.json()).toMatchObject({ outcome: "amount_mismatch" });
    expect(await coinsOf(buyer)).toBe(0);
  });
});

describe("who may buy", () => {
  it.each([
    ["an unverified email", { emailVerified: false }, "EMAIL_NOT_VERIFIED"],
    ["a 17-year-old in Germany", { dateOfBirth: new Date("2010-01-01") }, "UNDER_MIN_AGE"],
    [
      "an 18-year-old in South Korea",
      { region: "KR", dateOfBirth: new Date("2008-06-01") },
      "UNDER_MIN_AGE",
    ],
  ])("refuses %s with FORBIDDEN and records no purchase", async (_label, overrides, reason) => {
    const buyer = viewer(overrides);
    const error = await callerFor(buyer)
      .store.checkout({ idempotencyKey: randomUUID(), item: { packId: "coins-100" } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "FORBIDDEN" });
    expect(JSON.stringify((error as { cause?: { details?: unknown } }).cause?.details)).toContain(
      reason,
    );
    const [count] = await env.db.sql<
      { n: bigint }[]
    >`select count(*)::int8 as n from purchases where user_id = ${buyer.userId}`;
    expect(count?.n).toBe(0n);
  });

  it("never touches another person's wallet when a purchase is paid", async () => {
    const buyer = viewer();
    const bystander = viewer();
    const { checkoutUrl } = await startPurchase(buyer, "coins-100");
    await env.app.request(`${checkoutUrl}/pay`, { method: "POST" });
    expect(await coinsOf(bystander)).toBe(0);
    expect(accountId(viewerWalletRef(buyer.userId))).not.toBe(
      accountId(viewerWalletRef(bystander.userId)),
    );
  });
});

/** A signed Stripe event about a purchase's payment intent (refund or dispute). */
function reversalEvent(
  purchaseId: string,
  type: "charge.refunded" | "charge.dispute.created",
  refunded = true,
) {
  const paymentIntent = `pi_sandbox_${purchaseId.replaceAll("-", "")}`;
  // A charge carries its payment intent's metadata, which names the purchase.
  const object =
    type === "charge.refunded"
      ? {
          id: `ch_${randomUUID()}`,
          object: "charge",
          payment_intent: paymentIntent,
          refunded,
          metadata: { purchaseId },
        }
      : { id: `dp_${randomUUID()}`, object: "dispute", payment_intent: paymentIntent };
  return JSON.stringify({
    id: `evt_${randomUUID()}`,
    object: "event",
    type,
    created: Math.floor(Date.now() / 1000),
    data: { object },
  });
}

async function buyThroughSandbox(who: Viewer, packId: string) {
  const checkout = await startPurchase(who, packId);
  await env.app.request(`${checkout.checkoutUrl}/pay`, { method: "POST" });
  return checkout;
}

async function spend(who: Viewer, coins: bigint) {
  const [spent] = await env.ledger.createTransfers([
    {
      id: randomUUID(),
      debitAccountId: accountId(viewerWalletRef(who.userId)),
      creditAccountId: accountId({ ownerId: PLATFORM_OWNER, purpose: "platform_coin_revenue" }),
      asset: "COIN",
      amount: coins,
      code: "gift",
    },
  ]);
  expect(spent?.result).toBe("ok");
}

describe("refunds and disputes", () => {
  it("takes the purchase's coins back once when a full refund is reported, however often", async () => {
    const buyer = viewer();
    const { purchaseId } = await buyThroughSandbox(buyer, "coins-500");
    expect(await coinsOf(buyer)).toBe(550);
    for (const payload of [
      reversalEvent(purchaseId, "charge.refunded"),
      reversalEvent(purchaseId, "charge.refunded"),
    ]) {
      expect((await deliver(payload, sign(payload))).status).toBe(200);
    }
    expect(await coinsOf(buyer)).toBe(0);
    expect((await callerFor(buyer).store.purchases())[0]?.status).toBe("refunded");
  });

  it("keeps the coins when only part of the payment is refunded", async () => {
    const buyer = viewer();
    const { purchaseId } = await buyThroughSandbox(buyer, "coins-100");
    const payload = reversalEvent(purchaseId, "charge.refunded", false);
    expect(await (await deliver(payload, sign(payload))).json()).toMatchObject({
      outcome: "partial_refund_ignored",
    });
    expect(await coinsOf(buyer)).toBe(110);
  });

  it("turns spent coins into a debt that freezes gifting until the next purchase settles it", async () => {
    const buyer = viewer();
    const { purchaseId } = await buyThroughSandbox(buyer, "coins-500");
    await spend(buyer, 500n);
    const payload = reversalEvent(purchaseId, "charge.dispute.created");
    expect(await (await deliver(payload, sign(payload))).json()).toMatchObject({
      outcome: "clawed_back",
    });
    expect(await coinsOf(buyer)).toBe(0);

    const frozen = await callerFor(buyer)
      .tips.send({ idempotencyKey: randomUUID(), to: { handle: "anyone" }, coins: 1 })
      .catch((e: unknown) => e);
    expect(frozen).toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/frozen.*500 coins owed/),
    });

    await buyThroughSandbox(buyer, "coins-1000");
    expect(await coinsOf(buyer)).toBe(500);
    const [debt] = await env.db.sql<{ owed: bigint; settled: bigint }[]>`
      select coins_owed as owed, coins_settled as settled from wallet_debts where purchase_id = ${purchaseId}`;
    expect(debt).toEqual({ owed: 500n, settled: 500n });
  });
});

describe("events out of order and at once", () => {
  /** A completion event naming the payment intent, as Stripe's does. */
  const paidEvent = (purchaseId: string, sessionId: string) => {
    const event = JSON.parse(completedEvent(purchaseId, sessionId, 899));
    event.data.object.payment_intent = `pi_sandbox_${purchaseId.replaceAll("-", "")}`;
    return JSON.stringify(event);
  };
  const statusOf = async (purchaseId: string) =>
    (
      await env.db.sql<{ status: string }[]>`select status from purchases where id = ${purchaseId}`
    )[0]?.status;

  it("mints nothing when a refund is reported before the payment's success", async () => {
    const buyer = viewer();
    const { purchaseId, sessionId } = await startPurchase(buyer);
    const refund = reversalEvent(purchaseId, "charge.refunded");
    expect(await (await deliver(refund, sign(refund))).json()).toMatchObject({
      outcome: "reversed_before_payment",
    });
    const paid = paidEvent(purchaseId, sessionId);
    expect(await (await deliver(paid, sign(paid))).json()).toMatchObject({
      outcome: "already_reversed",
    });
    expect(await coinsOf(buyer)).toBe(0);
    expect(await mintedRows(purchaseId)).toEqual([]);
    expect(await statusOf(purchaseId)).toBe("refunded");
  });

  it("leaves the buyer nothing when refunds race the payment's success", async () => {
    const buyer = viewer();
    const { purchaseId, sessionId } = await startPurchase(buyer);
    const payloads = Array.from({ length: 10 }, (_, i) =>
      i % 2 ? reversalEvent(purchaseId, "charge.refunded") : paidEvent(purchaseId, sessionId),
    );
    const responses = await Promise.all(payloads.map((p) => deliver(p, sign(p))));
    expect(responses.map((r) => r.status)).toEqual(payloads.map(() => 200));
    expect(await coinsOf(buyer)).toBe(0);
    expect(await statusOf(purchaseId)).toBe("refunded");
  });

  it("records one debt of the spent coins when refunds and disputes of a spent purchase arrive at once", async () => {
    const buyer = viewer();
    const { purchaseId } = await buyThroughSandbox(buyer, "coins-500");
    await spend(buyer, 300n);
    const payloads = Array.from({ length: 10 }, (_, i) =>
      reversalEvent(purchaseId, i % 2 ? "charge.refunded" : "charge.dispute.created"),
    );
    const responses = await Promise.all(payloads.map((p) => deliver(p, sign(p))));
    expect(responses.map((r) => r.status)).toEqual(payloads.map(() => 200));
    expect(await coinsOf(buyer)).toBe(0);
    const debts = await env.db.sql<{ owed: bigint }[]>`
      select coins_owed as owed from wallet_debts where purchase_id = ${purchaseId}`;
    expect(debts).toEqual([{ owed: 300n }]);
  });

  it("acknowledges a completion whose purchase id is not one, minting nothing", async () => {
    const buyer = viewer();
    const { sessionId } = await startPurchase(buyer);
    const payload = completedEvent("not-a-purchase-id", sessionId, 899);
    const response = await deliver(payload, sign(payload));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ outcome: "unknown_purchase" });
    expect(await coinsOf(buyer)).toBe(0);
  });
});
