import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sandboxPaymentIntent } from "../../payments/sandbox-events.ts";
import { createAdmin, createPerson } from "../../test-support/people.ts";
import { reversalObject } from "../../test-support/stripe-reversals.ts";
import { useSandboxApi } from "../../test-support/test-ledger.ts";
import { deliverStripeEvent } from "../../test-support/webhooks.ts";
import type { Viewer } from "../service-context.ts";
import { decidePromotionBonuses } from "./decide-promotion-bonuses.ts";

const WEBHOOK_SECRET = "whsec_test_coinstream_promotions";
const env = useSandboxApi(WEBHOOK_SECRET);
const HOUR = 3_600_000;

const callerFor = (who: Viewer | null) => env.callerFor(who, { payments: env.payments });
const coinsOf = async (who: Viewer) => (await callerFor(who).wallet.get()).coins;
const buyerIn = (region: string) => createPerson(env.db.sql, { region });

/** A promotion an admin creates: live for the next day unless told otherwise. */
function promotionInput(overrides: Record<string, unknown> = {}) {
  return {
    name: "Weekend sale",
    bonus: { kind: "percent" as const, bonusBps: 2_000 },
    startsAt: new Date(Date.now() - HOUR).toISOString(),
    endsAt: new Date(Date.now() + 24 * HOUR).toISOString(),
    ...overrides,
  };
}

async function checkout(who: Viewer, packId = "coins-500") {
  const started = await callerFor(who).store.checkout({
    idempotencyKey: randomUUID(),
    item: { packId },
  });
  const [row] = await env.db.sql<{ provider_session_id: string }[]>`
    select provider_session_id from purchases where id = ${started.purchaseId}`;
  return { ...started, sessionId: row?.provider_session_id as string };
}

/** Delivers a Stripe-shaped event, signed as Stripe would; answers the handler's outcome. */
async function deliver(type: string, object: Record<string, unknown>) {
  const response = await deliverStripeEvent(env.app, WEBHOOK_SECRET, type, object);
  return ((await response.json()) as { outcome?: string }).outcome;
}

/** Stripe reports the checkout paid. */
const pay = (purchase: Awaited<ReturnType<typeof checkout>>) =>
  deliver("checkout.session.completed", {
    id: purchase.sessionId,
    object: "checkout.session",
    client_reference_id: purchase.purchaseId,
    payment_status: "paid",
    amount_total: purchase.quote.priceMinor,
    currency: purchase.quote.currency.toLowerCase(),
    payment_intent: sandboxPaymentIntent(purchase.purchaseId),
  });

/** Stripe reports the payment fully refunded. */
const refund = (purchaseId: string) =>
  deliver(
    "charge.refunded",
    reversalObject("charge.refunded", {
      paymentIntent: sandboxPaymentIntent(purchaseId),
      purchaseId,
    }),
  );

const bonusRowsOf = (userId: string) =>
  env.db.sql<{ amount: bigint }[]>`
    select t.amount from ledger_transfers t join purchases p on p.id::text = t.metadata->>'purchaseId'
    where p.user_id = ${userId} and t.code = 'bonus' order by t.amount`;
const countRows = async (table: "promotions" | "admin_audit") =>
  (await env.db.sql<{ n: bigint }[]>`select count(*)::int8 as n from ${env.db.sql(table)}`)[0]?.n;

/** A returning buyer (one purchase paid already), so the first-purchase bonus is out of the way. */
async function returningBuyerIn(region: string) {
  const buyer = await buyerIn(region);
  expect(await pay(await checkout(buyer, "coins-100"))).toBe("minted");
  return { buyer, coinsBefore: await coinsOf(buyer) };
}

describe("promotions in the store", () => {
  it("shows a live promotion with its end time on the packs it covers, in its region only", async () => {
    const admin = await createAdmin(env.db.sql);
    const endsAt = new Date(Date.now() + 5 * HOUR).toISOString();
    const created = await callerFor(admin).admin.createPromotion(
      promotionInput({ name: "Carnival", regions: ["BR"], packIds: ["coins-1000"], endsAt }),
    );

    const packs = await callerFor(null).store.packs({ region: "BR" });
    const promoted = packs.offers.find((offer) => offer.packId === "coins-1000");
    expect(promoted?.quote.applied).toEqual([{ source: created.id, bonusCoins: 200 }]);
    expect(promoted?.quote.totalCoins).toBe(1_200);
    expect(packs.offers.find((o) => o.packId === "coins-500")?.quote.bonusCoins).toBe(0);
    expect(packs.promotions).toEqual([
      expect.objectContaining({ id: created.id, name: "Carnival", bonusBps: 2_000, endsAt }),
    ]);

    const elsewhere = await callerFor(null).store.packs({ region: "US" });
    expect(elsewhere.promotions).toEqual([]);
    expect(elsewhere.offers.every((offer) => offer.quote.bonusCoins === 0)).toBe(true);
  });

  it("shows a new buyer the first-purchase bonus as the seeded promotion", async () => {
    const buyer = await buyerIn("DE");
    const packs = await callerFor(buyer).store.packs();
    expect(packs.offers.find((o) => o.packId === "coins-500")?.quote.applied).toEqual([
      { source: "first-purchase", bonusCoins: 50 },
    ]);
    expect(packs.promotions).toEqual([
      expect.objectContaining({ id: "first-purchase", firstPurchaseOnly: true, endsAt: null }),
    ]);
  });
});

describe("promotions at settlement", () => {
  it("mints the promised bonus once when the promotion ended between checkout and payment", async () => {
    const admin = await createAdmin(env.db.sql);
    const { buyer, coinsBefore } = await returningBuyerIn("JP");
    const sale = await callerFor(admin).admin.createPromotion(
      promotionInput({ regions: ["JP"], bonus: { kind: "fixed", bonusCoins: 77 } }),
    );
    const purchase = await checkout(buyer, "coins-500");
    expect(purchase.quote.totalCoins).toBe(577);
    expect(purchase.promotions).toEqual([expect.objectContaining({ id: sale.id, kind: "fixed" })]);

    await callerFor(admin).admin.endPromotion({ id: sale.id });
    expect((await callerFor(buyer).store.packs()).promotions).toEqual([]);
    expect(await pay(purchase)).toBe("minted");
    expect(await pay(purchase)).toBe("already_paid");

    expect(await coinsOf(buyer)).toBe(coinsBefore + 577);
    // The 10 is the first purchase's welcome bonus.
    expect(await bonusRowsOf(buyer.userId)).toEqual([{ amount: 10n }, { amount: 77n }]);
    const listed = await callerFor(buyer).store.purchases();
    expect(listed.find((p) => p.purchaseId === purchase.purchaseId)?.coins).toBe(577);
  });

  it("grants a once-per-account promotion to one purchase when several checkouts are paid at once", async () => {
    const admin = await createAdmin(env.db.sql);
    const { buyer, coinsBefore } = await returningBuyerIn("IN");
    await callerFor(admin).admin.createPromotion(
      promotionInput({ regions: ["IN"], perAccountLimit: 1 }),
    );
    const open = [];
    for (let i = 0; i < 3; i++) open.push(await checkout(buyer, "coins-500"));
    for (const purchase of open) expect(purchase.quote.bonusCoins).toBe(100);

    expect(await Promise.all(open.map(pay))).toEqual(["minted", "minted", "minted"]);
    expect(await coinsOf(buyer)).toBe(coinsBefore + 3 * 500 + 100);
    expect(await bonusRowsOf(buyer.userId)).toEqual([{ amount: 10n }, { amount: 100n }]);
    // What the buyer's purchase list says matches what was minted.
    const listed = (await callerFor(buyer).store.purchases()).map((p) => p.coins).sort();
    expect(listed).toEqual([110, 500, 500, 600]);
    // Used up: the store no longer offers it to this buyer.
    expect((await callerFor(buyer).store.packs()).promotions).toEqual([]);
  });

  it("keeps a decision written before a settlement stopped, and counts it against the limit", async () => {
    const admin = await createAdmin(env.db.sql);
    const { buyer, coinsBefore } = await returningBuyerIn("MX");
    await callerFor(admin).admin.createPromotion(
      promotionInput({ regions: ["MX"], perAccountLimit: 1 }),
    );
    const cutShort = await checkout(buyer, "coins-500");
    const later = await checkout(buyer, "coins-500");
    // A settlement of `cutShort` decided its bonus, then stopped before minting anything.
    const decided = await decidePromotionBonuses(env.db.sql, {
      id: cutShort.purchaseId,
      user_id: buyer.userId,
    });
    expect(decided.bonusCoins).toBe(100n);

    expect(await pay(later)).toBe("minted");
    expect(await pay(cutShort)).toBe("minted");
    expect(await coinsOf(buyer)).toBe(coinsBefore + 500 + 600);
    expect(await bonusRowsOf(buyer.userId)).toEqual([{ amount: 10n }, { amount: 100n }]);
    // The bonus went to the purchase it was decided for, though the other was paid first.
    const coinsByPurchase = new Map(
      (await callerFor(buyer).store.purchases()).map((p) => [p.purchaseId, p.coins]),
    );
    expect(coinsByPurchase.get(cutShort.purchaseId)).toBe(600);
    expect(coinsByPurchase.get(later.purchaseId)).toBe(500);
  });

  it("stacks a promotion on the first-purchase bonus and takes both back on a refund", async () => {
    const admin = await createAdmin(env.db.sql);
    const buyer = await buyerIn("KR");
    await callerFor(admin).admin.createPromotion(
      promotionInput({
        regions: ["KR"],
        bonus: { kind: "percent", bonusBps: 5_000, maxBonusCoins: 150 },
      }),
    );
    const purchase = await checkout(buyer, "coins-500");
    expect(purchase.quote.applied.map((bonus) => bonus.bonusCoins)).toEqual([150, 50]);
    expect(await pay(purchase)).toBe("minted");
    expect(await coinsOf(buyer)).toBe(700);

    await refund(purchase.purchaseId);
    expect(await coinsOf(buyer)).toBe(0);
    const [taken] = await env.db.sql<{ coins: bigint }[]>`
      select sum(amount)::int8 as coins from ledger_transfers
      where code = 'chargeback' and metadata->>'purchaseId' = ${purchase.purchaseId}`;
    expect(taken?.coins).toBe(700n);
  });
});

describe("admin.createPromotion", () => {
  it.each([
    ["an unknown pack", { packIds: ["coins-7"] }, "INVALID_INPUT"],
    [
      "an end in the past",
      {
        startsAt: new Date(Date.now() - 2 * HOUR).toISOString(),
        endsAt: new Date(Date.now() - HOUR).toISOString(),
      },
      "INVALID_INPUT",
    ],
    [
      "an end before the start",
      { startsAt: new Date(Date.now() + 48 * HOUR).toISOString() },
      undefined,
    ],
    ["a bonus over 100%", { bonus: { kind: "percent", bonusBps: 10_001 } }, undefined],
    ["a fixed bonus of 0 coins", { bonus: { kind: "fixed", bonusCoins: 0 } }, undefined],
    ["a region that is no code", { regions: ["Brazil"] }, undefined],
    ["a per-account limit of 0", { perAccountLimit: 0 }, undefined],
    ["a one-letter name", { name: "x" }, undefined],
  ])(
    "refuses %s with BAD_REQUEST, creating and auditing nothing",
    async (_label, overrides, domainCode) => {
      const admin = await createAdmin(env.db.sql);
      const [promotions, audits] = [await countRows("promotions"), await countRows("admin_audit")];
      const error = await callerFor(admin)
        .admin.createPromotion(promotionInput(overrides) as never)
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "BAD_REQUEST" });
      if (domainCode)
        expect(error).toMatchObject({ cause: expect.objectContaining({ code: domainCode }) });
      expect(await countRows("promotions")).toBe(promotions);
      expect(await countRows("admin_audit")).toBe(audits);
    },
  );

  it("refuses a viewer with FORBIDDEN, creating nothing", async () => {
    const viewer = await buyerIn("US");
    const before = await countRows("promotions");
    await expect(callerFor(viewer).admin.createPromotion(promotionInput())).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await countRows("promotions")).toBe(before);
  });

  it("audits creating and ending, lists what each promotion granted, and ends only once", async () => {
    const admin = await createAdmin(env.db.sql);
    const created = await callerFor(admin).admin.createPromotion(
      promotionInput({
        name: "Audited",
        regions: ["GB"],
        startsAt: new Date(Date.now() + HOUR).toISOString(),
      }),
    );
    const listed = await callerFor(admin).admin.promotions();
    expect(listed.find((p) => p.id === created.id)).toMatchObject({
      status: "scheduled",
      grantedPurchases: 0,
      createdBy: admin.userId,
    });

    const ended = await callerFor(admin).admin.endPromotion({ id: created.id });
    // It had not started: it ends at its start and is never offered.
    expect(ended.endsAt).toBe(created.startsAt);
    const auditsAfterEnd = await countRows("admin_audit");
    expect((await callerFor(admin).admin.endPromotion({ id: created.id })).endsAt).toBe(
      ended.endsAt,
    );
    expect(await countRows("admin_audit")).toBe(auditsAfterEnd);

    const trail = await env.db.sql<{ action: string; admin_user_id: string }[]>`
      select action, admin_user_id from admin_audit where target_id = ${created.id} order by at`;
    expect(trail).toEqual([
      { action: "create_promotion", admin_user_id: admin.userId },
      { action: "end_promotion", admin_user_id: admin.userId },
    ]);
    await expect(
      callerFor(admin).admin.endPromotion({ id: "no-such-promotion" }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

// Last: ending the seeded promotion changes every later checkout in this file's database.
describe("the seeded first-purchase promotion", () => {
  it("stops the first-purchase bonus for new checkouts once an admin ends it, honouring open ones", async () => {
    const admin = await createAdmin(env.db.sql);
    const early = await buyerIn("DE");
    const openBefore = await checkout(early, "coins-500");
    expect(openBefore.quote.totalCoins).toBe(550);

    await callerFor(admin).admin.endPromotion({ id: "first-purchase" });
    const late = await buyerIn("DE");
    const after = await checkout(late, "coins-500");
    expect(after.quote.totalCoins).toBe(500);

    expect(await pay(openBefore)).toBe("minted");
    expect(await pay(after)).toBe("minted");
    expect(await coinsOf(early)).toBe(550);
    expect(await coinsOf(late)).toBe(500);
  });
});
