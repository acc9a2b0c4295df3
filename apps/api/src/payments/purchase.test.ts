import { randomUUID } from "node:crypto";
import { accountId } from "@coinstream/db";
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import type { Viewer } from "../services/service-context.ts";
import { viewerWalletRef } from "../services/wallet/viewer-wallet.ts";
import { spendFromWallet, testViewer } from "../test-support/people.ts";
import { type ReversalEventType, reversalObject } from "../test-support/stripe-reversals.ts";
import { useSandboxApi } from "../test-support/test-ledger.ts";
import { sandboxPaymentIntent, stripeEventPayload } from "./sandbox-events.ts";

const WEBHOOK_SECRET = "whsec_test_coinstream_sandbox_secret";
const stripe = new Stripe("sk_test_offline");
const env = useSandboxApi(WEBHOOK_SECRET);

/** A buyer in Germany who accepted the guidelines at sign-up, as the session path reads them. */
const viewer = (overrides: Partial<Viewer> = {}): Viewer =>
  testViewer({
    email: "buyer@example.com",
    region: "DE",
    acceptedGuidelinesVersion: 1,
    ...overrides,
  });
const callerFor = (who: Viewer) => env.callerFor(who, { payments: env.payments });
const coinsOf = async (who: Viewer) => (await callerFor(who).wallet.get()).coins;

async function mintedRows(purchaseId: string) {
  return env.db.sql<{ code: string; amount: bigint }[]>`
    select code, amount from ledger_transfers where metadata->>'purchaseId' = ${purchaseId} order by code`;
}

type SessionEventType =
  | "checkout.session.completed"
  | "checkout.session.expired"
  | "checkout.session.async_payment_succeeded"
  | "checkout.session.async_payment_failed";

/** A Stripe-shaped event about a purchase's Checkout Session, as Stripe would send it. */
function sessionEvent(
  type: SessionEventType,
  purchase: { purchaseId: string; sessionId: string },
  paymentStatus: "paid" | "unpaid",
  amountMinor = 899,
) {
  return stripeEventPayload(type, {
    id: purchase.sessionId,
    object: "checkout.session",
    client_reference_id: purchase.purchaseId,
    payment_status: paymentStatus,
    amount_total: amountMinor,
    currency: "eur",
    payment_intent: sandboxPaymentIntent(purchase.purchaseId),
  });
}

/** A Stripe-shaped completion event for a purchase, as Stripe would send it. */
function completedEvent(
  purchaseId: string,
  sessionId: string,
  amountMinor: number,
  currency = "eur",
  eventId = `evt_${randomUUID()}`,
) {
  return stripeEventPayload(
    "checkout.session.completed",
    {
      id: sessionId,
      object: "checkout.session",
      client_reference_id: purchaseId,
      payment_status: "paid",
      amount_total: amountMinor,
      currency,
    },
    eventId,
  );
}
const deliver = (payload: string, signature: string) =>
  env.app.request("http://coinstream.test/webhooks/stripe", {
    method: "POST",
    headers: { "stripe-signature": signature },
    body: payload,
  });
/** Signs and delivers an event; answers the handler's JSON body. */
const post = async (payload: string) =>
  (await (await deliver(payload, sign(payload))).json()) as { outcome?: string };
const statusOf = async (purchaseId: string) =>
  (await env.db.sql<{ status: string }[]>`select status from purchases where id = ${purchaseId}`)[0]
    ?.status;
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

/** A Stripe event about a purchase's sandbox payment (refund or dispute). */
function reversalEvent(purchaseId: string, type: ReversalEventType, refunded = true) {
  const paymentIntent = sandboxPaymentIntent(purchaseId);
  return stripeEventPayload(type, reversalObject(type, { paymentIntent, purchaseId, refunded }));
}

async function buyThroughSandbox(who: Viewer, packId: string) {
  const checkout = await startPurchase(who, packId);
  await env.app.request(`${checkout.checkoutUrl}/pay`, { method: "POST" });
  return checkout;
}

const spend = (who: Viewer, coins: bigint) => spendFromWallet(env.ledger, who, coins);

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
    event.data.object.payment_intent = sandboxPaymentIntent(purchaseId);
    return JSON.stringify(event);
  };

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

describe("one outcome per purchase", () => {
  const clickSandbox = (checkoutUrl: string, outcome: "pay" | "decline") =>
    env.app.request(`${checkoutUrl}/${outcome}`, { method: "POST" });

  it("mints nothing and refuses the payment when the buyer declined first on the sandbox page", async () => {
    const buyer = viewer();
    const checkout = await startPurchase(buyer);
    expect((await clickSandbox(checkout.checkoutUrl, "decline")).status).toBe(200);
    const page = await (await env.app.request(checkout.checkoutUrl)).text();
    expect(page).not.toContain('id="pay"');
    expect(page).toContain("declined");

    const paid = await clickSandbox(checkout.checkoutUrl, "pay");
    expect(paid.status).toBe(409);
    expect(await paid.text()).toContain("This checkout already ended");
    expect(await coinsOf(buyer)).toBe(0);
    expect(await mintedRows(checkout.purchaseId)).toEqual([]);
    expect(await statusOf(checkout.purchaseId)).toBe("failed");
  });

  it("refuses a decline after the payment and keeps the coins", async () => {
    const buyer = viewer();
    const checkout = await startPurchase(buyer);
    expect((await clickSandbox(checkout.checkoutUrl, "pay")).status).toBe(200);
    expect((await clickSandbox(checkout.checkoutUrl, "decline")).status).toBe(409);
    expect(await coinsOf(buyer)).toBe(550);
    expect(await statusOf(checkout.purchaseId)).toBe("paid");
  });

  it("gives exactly one outcome when pay and decline are clicked at once", async () => {
    for (let round = 0; round < 4; round++) {
      const buyer = viewer();
      const checkout = await startPurchase(buyer);
      const clicks = await Promise.all(
        (round % 2 ? (["pay", "decline"] as const) : (["decline", "pay"] as const)).map((o) =>
          clickSandbox(checkout.checkoutUrl, o),
        ),
      );
      expect(clicks.map((r) => r.status).sort()).toEqual([200, 409]);
      const status = await statusOf(checkout.purchaseId);
      expect(await coinsOf(buyer)).toBe(status === "paid" ? 550 : 0);
      expect(status === "paid" || status === "failed").toBe(true);
    }
  });

  it("mints nothing into an expired purchase and holds Stripe's late payment for review", async () => {
    const buyer = viewer();
    const purchase = await startPurchase(buyer);
    expect(await post(sessionEvent("checkout.session.expired", purchase, "unpaid"))).toMatchObject({
      outcome: "failed",
    });
    expect(await post(sessionEvent("checkout.session.completed", purchase, "paid"))).toMatchObject({
      outcome: "held_for_review",
    });
    expect(await coinsOf(buyer)).toBe(0);
    expect(await mintedRows(purchase.purchaseId)).toEqual([]);
    expect((await callerFor(buyer).store.purchases())[0]?.status).toBe("review");

    // Support refunds the payment in Stripe: the refund closes the purchase, still minting nothing.
    const refund = reversalEvent(purchase.purchaseId, "charge.refunded");
    expect(await post(refund)).toMatchObject({ outcome: "reversed_before_payment" });
    expect(await statusOf(purchase.purchaseId)).toBe("refunded");
    expect(await coinsOf(buyer)).toBe(0);
  });
});

describe("delayed payment methods", () => {
  it("shows the purchase processing until Stripe reports the delayed payment succeeded, then mints once", async () => {
    const buyer = viewer();
    const purchase = await startPurchase(buyer);
    const completed = sessionEvent("checkout.session.completed", purchase, "unpaid");
    expect(await post(completed)).toMatchObject({ outcome: "processing" });
    expect(await coinsOf(buyer)).toBe(0);
    expect((await callerFor(buyer).store.purchases())[0]).toMatchObject({
      status: "processing",
      coins: 550,
    });

    const succeeded = sessionEvent("checkout.session.async_payment_succeeded", purchase, "paid");
    expect(await post(succeeded)).toMatchObject({ outcome: "minted" });
    expect(
      await post(sessionEvent("checkout.session.async_payment_succeeded", purchase, "paid")),
    ).toMatchObject({ outcome: "already_paid" });
    expect(await coinsOf(buyer)).toBe(550);
    expect(await statusOf(purchase.purchaseId)).toBe("paid");
  });

  it("marks the purchase failed and mints nothing when the delayed payment fails", async () => {
    const buyer = viewer();
    const purchase = await startPurchase(buyer);
    await post(sessionEvent("checkout.session.completed", purchase, "unpaid"));
    expect(
      await post(sessionEvent("checkout.session.async_payment_failed", purchase, "unpaid")),
    ).toMatchObject({ outcome: "failed" });
    expect(await coinsOf(buyer)).toBe(0);
    expect((await callerFor(buyer).store.purchases())[0]?.status).toBe("failed");
  });

  it("stays paid when the completion is delivered after the delayed payment's success", async () => {
    const buyer = viewer();
    const purchase = await startPurchase(buyer);
    await post(sessionEvent("checkout.session.async_payment_succeeded", purchase, "paid"));
    await post(sessionEvent("checkout.session.completed", purchase, "unpaid"));
    expect(await statusOf(purchase.purchaseId)).toBe("paid");
    expect(await coinsOf(buyer)).toBe(550);
  });
});

describe("the first-purchase bonus", () => {
  const bonusRows = async (userId: string) =>
    env.db.sql<{ amount: bigint }[]>`
      select t.amount from ledger_transfers t join purchases p on p.id::text = t.metadata->>'purchaseId'
      where p.user_id = ${userId} and t.code = 'bonus'`;

  it("is minted once when three open checkouts are paid at once", async () => {
    const buyer = viewer();
    const purchases = [];
    for (let i = 0; i < 3; i++) purchases.push(await startPurchase(buyer, "coins-12500"));
    for (const purchase of purchases) expect(purchase.quote.bonusCoins).toBe(1_250);
    // The offer says it depends on which purchase completes first.
    const page = await (await env.app.request(purchases[0]?.checkoutUrl ?? "")).text();
    expect(page).toContain(
      "1,250-coin first-purchase bonus, if no other purchase of yours completes first",
    );

    const results = await Promise.all(
      purchases.map((p) => post(sessionEvent("checkout.session.completed", p, "paid", 9_699))),
    );
    expect(results.map((r) => r.outcome)).toEqual(["minted", "minted", "minted"]);
    expect(await coinsOf(buyer)).toBe(3 * 12_500 + 1_250);
    expect(await bonusRows(buyer.userId)).toEqual([{ amount: 1_250n }]);
    // What the buyer's purchase list says matches what was minted.
    const listed = (await callerFor(buyer).store.purchases()).map((p) => p.coins).sort();
    expect(listed).toEqual([12_500, 12_500, 13_750]);
  });

  it("goes to the first purchase to be paid, not the first opened", async () => {
    const buyer = viewer();
    const opened = await startPurchase(buyer, "coins-100");
    const later = await startPurchase(buyer, "coins-500");
    await post(sessionEvent("checkout.session.completed", later, "paid"));
    await post(sessionEvent("checkout.session.completed", opened, "paid", 199));
    expect(await coinsOf(buyer)).toBe(550 + 100);
  });

  it("is not earned again by a purchase paid after the first was refunded", async () => {
    const buyer = viewer();
    const first = await startPurchase(buyer);
    const second = await startPurchase(buyer);
    await post(sessionEvent("checkout.session.completed", first, "paid"));
    await post(reversalEvent(first.purchaseId, "charge.refunded"));
    await post(sessionEvent("checkout.session.completed", second, "paid"));
    expect(await coinsOf(buyer)).toBe(500);
    expect(await bonusRows(buyer.userId)).toEqual([{ amount: 50n }]);
  });
});

describe("many buyers at once", () => {
  it("settles more buyers' payments at once than the pool has connections", async () => {
    // Each settlement holds a connection for its lock; 30 at once on a 20-connection pool used
    // to leave no connection for their work, and every delivery hung.
    const buyers = Array.from({ length: 30 }, () => viewer());
    const purchases = [];
    for (const buyer of buyers) purchases.push(await startPurchase(buyer, "coins-100"));
    const answers = await Promise.all(
      purchases.map((p) => post(sessionEvent("checkout.session.completed", p, "paid", 199))),
    );
    expect(answers.map((a) => a.outcome)).toEqual(purchases.map(() => "minted"));
    for (const buyer of buyers.slice(0, 3)) expect(await coinsOf(buyer)).toBe(110);
  }, 60_000);
});
