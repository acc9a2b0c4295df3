import { randomUUID } from "node:crypto";
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { stripeEventPayload } from "../payments/sandbox-events.ts";
import type { Viewer } from "../services/service-context.ts";
import { createCreator, createPerson, fundWallet } from "../test-support/people.ts";
import { createTestContext } from "../test-support/test-context.ts";
import { useSandboxApi } from "../test-support/test-ledger.ts";
import { createCallerFactory } from "../trpc/init.ts";
import { appRouter } from "../trpc/root.ts";

const WEBHOOK_SECRET = "whsec_guardian_test";
const env = useSandboxApi(WEBHOOK_SECRET);
const stripe = new Stripe("sk_test_offline");
const createCaller = createCallerFactory(appRouter);
const DAY_MS = 86_400_000;
const yearsAgo = (years: number) => new Date(Date.now() - (years * 365.25 + 30) * DAY_MS);
const SIXTEEN = () => yearsAgo(16);

const callerFor = (who: Viewer, now = new Date()) =>
  createCaller({
    ...createTestContext({ sql: env.db.sql, ledger: env.ledger, payments: env.payments }, who),
    now,
  });
const checkout = (who: Viewer) =>
  callerFor(who).store.checkout({ idempotencyKey: randomUUID(), item: { packId: "coins-100" } });

/** An adult whose account is older than any teen's here (created in 2025). */
const createAdult = (overrides: Partial<Viewer> = {}) =>
  createPerson(env.db.sql, { createdAt: new Date("2025-01-01"), ...overrides });
const createTeen = (overrides: Partial<Viewer> = {}) =>
  createPerson(env.db.sql, {
    dateOfBirth: SIXTEEN(),
    createdAt: new Date("2026-01-01"),
    ...overrides,
  });

/** The card check through the sandbox's page, as a parent would do it. */
async function passCardCheck(who: Viewer) {
  const started = await callerFor(who).guardian.startAgeCheck();
  if (!("url" in started)) throw new Error("expected a card check page");
  const response = await env.app.request(`${started.url}/verify`, { method: "POST" });
  expect(response.status).toBe(200);
}

/** A 16-year-old in the US (where 16+ may take part under a guardian) and their card-checked parent, invited. */
async function family() {
  const parent = await createAdult({ name: "Parent" });
  await passCardCheck(parent);
  const teen = await createTeen({ name: "Teen" });
  const { linkId } = await callerFor(parent).guardian.invite({ email: teen.email });
  return { parent, teen, linkId };
}

async function activeGuardianOf(who: Viewer) {
  const [row] = await env.db.sql<{ guardian_user_id: string }[]>`
    select guardian_user_id from guardian_links where supervised_user_id = ${who.userId}`;
  return row?.guardian_user_id ?? null;
}

describe("guardian controls", () => {
  it("lets a 16-year-old buy only once a guardian confirmed and allowed purchases, and tells the guardian", async () => {
    const { parent, teen, linkId } = await family();
    await expect(checkout(teen)).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/guardian must link/),
    });

    await callerFor(teen).guardian.confirm({ linkId });
    await expect(checkout(teen)).rejects.toMatchObject({
      message: "Your guardian has not allowed purchases on this account.",
    });

    await callerFor(parent).guardian.setControls({ linkId, mayPurchase: true });
    const started = await checkout(teen);
    await env.app.request(`${started.checkoutUrl}/pay`, { method: "POST" });
    expect((await callerFor(teen).wallet.get()).coins).toBe(110);
    expect(await callerFor(parent).guardian.notifications()).toMatchObject([
      { kind: "supervised_purchase", payload: { linkId, coins: 110, priceMinor: 199 } },
    ]);
    expect(JSON.stringify(await callerFor(parent).guardian.notifications())).not.toContain(
      teen.userId,
    );
  });

  it("blocks gifting with a guardian cap of 0 that the supervised account cannot lift", async () => {
    const { parent, teen, linkId } = await family();
    await callerFor(teen).guardian.confirm({ linkId });
    await fundWallet(env.db.sql, env.ledger, teen, 500n);
    const target = await createCreator(env.db.sql);
    await callerFor(parent).guardian.setControls({ linkId, caps: { dailyCoins: 0 } });
    await callerFor(teen).limits.set({ dailyCoins: 100_000 });

    const tip = callerFor(teen).tips.send({
      idempotencyKey: randomUUID(),
      to: { url: target.url },
      coins: 1,
    });
    await expect(tip).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      cause: { details: { setBy: "guardian" } },
    });
    expect((await callerFor(teen).wallet.get()).coins).toBe(500);
    expect((await callerFor(teen).limits.get()).guardian?.dailyCoins).toBe(0);
  });

  it("refuses a minor as guardian, a second guardian, and confirming or controlling someone else's link", async () => {
    const adult = await createAdult();
    const minor = await createTeen();
    await expect(callerFor(minor).guardian.invite({ email: adult.email })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "A guardian must be an adult.",
    });
    const { teen, linkId } = await family();
    const stranger = await createAdult();
    await passCardCheck(stranger);
    await expect(callerFor(stranger).guardian.confirm({ linkId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      callerFor(stranger).guardian.setControls({ linkId, mayPurchase: true }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await callerFor(teen).guardian.links())[0]).toMatchObject({
      role: "supervised",
      awaiting: "supervised",
    });

    await callerFor(teen).guardian.confirm({ linkId });
    const second = await callerFor(stranger).guardian.invite({ email: teen.email });
    await expect(callerFor(teen).guardian.confirm({ linkId: second.linkId })).rejects.toMatchObject(
      { code: "FORBIDDEN", message: "You already have a guardian." },
    );
  });
});

describe("guardian invitations tell nobody about other accounts", () => {
  it("answers invite and request the same whether the email has an account, a minor's or an adult's, or none", async () => {
    const asker = await createAdult();
    await passCardCheck(asker);
    const teen = await createTeen();
    const adult = await createAdult();
    const requester = await createTeen();
    const shape = (answer: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(answer).map(([key, value]) => [key, typeof value]));

    const answers = [];
    for (const email of [teen.email, adult.email, `nobody-${randomUUID()}@example.com`]) {
      answers.push(await callerFor(asker).guardian.invite({ email }));
      answers.push(await callerFor(requester).guardian.request({ email }));
    }

    for (const answer of answers) {
      expect(shape(answer)).toEqual({ linkId: "string", status: "string", expiresAt: "string" });
      expect(answer).toMatchObject({ status: "pending" });
    }
    // The asker's list shows each the same way: the email they typed, waiting, no account.
    const outgoing = await callerFor(asker).guardian.links();
    expect(outgoing.map((link) => shape(link))).toEqual(
      outgoing.map(() => shape(outgoing[0] ?? {})),
    );
  });

  it("never shows another person's user id in links", async () => {
    const { parent, teen, linkId } = await family();
    const before = [
      ...(await callerFor(parent).guardian.links()),
      ...(await callerFor(teen).guardian.links()),
    ];
    await callerFor(teen).guardian.confirm({ linkId });
    const after = [
      ...(await callerFor(parent).guardian.links()),
      ...(await callerFor(teen).guardian.links()),
    ];

    const text = JSON.stringify([before, after]);
    expect(text).not.toContain(teen.userId);
    expect(text).not.toContain(parent.userId);
    expect(await callerFor(parent).guardian.links()).toEqual([
      {
        linkId,
        role: "guardian",
        status: "active",
        name: "Teen",
        email: teen.email,
        mayPurchase: false,
      },
    ]);
  });
});

describe("pending guardian invitations end", () => {
  it("does not let a stranger's pending invitation lock out the real parent", async () => {
    const stranger = await createAdult();
    await passCardCheck(stranger);
    const teen = await createTeen();
    await callerFor(stranger).guardian.invite({ email: teen.email });

    const parent = await createAdult();
    await passCardCheck(parent);
    const { linkId } = await callerFor(parent).guardian.invite({ email: teen.email });
    await callerFor(teen).guardian.confirm({ linkId });

    expect(await activeGuardianOf(teen)).toBe(parent.userId);
  });

  it("lets the invitee decline, after which it cannot be confirmed and the inviter sees it declined", async () => {
    const { parent, teen, linkId } = await family();

    expect(await callerFor(teen).guardian.decline({ linkId })).toEqual({ declined: true });

    await expect(callerFor(teen).guardian.confirm({ linkId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await callerFor(teen).guardian.links()).toEqual([]);
    expect(await callerFor(parent).guardian.links()).toMatchObject([
      { linkId, status: "declined" },
    ]);
    expect(await activeGuardianOf(teen)).toBeNull();
  });

  it("lets only the invitee decline and only the inviter cancel", async () => {
    const { parent, teen, linkId } = await family();
    const stranger = await createAdult();

    for (const [who, call] of [
      [parent, "decline"],
      [stranger, "decline"],
      [teen, "cancel"],
      [stranger, "cancel"],
    ] as const) {
      await expect(callerFor(who).guardian[call]({ linkId })).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
    }

    expect(await callerFor(parent).guardian.cancel({ linkId })).toEqual({ cancelled: true });
    await expect(callerFor(teen).guardian.confirm({ linkId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await callerFor(teen).guardian.links()).toEqual([]);
  });

  it("expires an invitation after 7 days", async () => {
    const { teen, linkId } = await family();
    const later = new Date(Date.now() + 7 * DAY_MS + 60_000);

    expect(await callerFor(teen, later).guardian.links()).toEqual([]);
    await expect(callerFor(teen, later).guardian.confirm({ linkId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await activeGuardianOf(teen)).toBeNull();
    // Just inside the 7 days it still works.
    await callerFor(teen, new Date(Date.now() + 7 * DAY_MS - 60_000)).guardian.confirm({ linkId });
    expect(await activeGuardianOf(teen)).not.toBeNull();
  });
});

describe("who may be a guardian", () => {
  it("refuses a minor's own adult account created after the minor's, even card-checked", async () => {
    const teen = await createTeen({ createdAt: new Date("2026-01-01") });
    const alt = await createAdult({ createdAt: new Date("2026-02-01") });
    await passCardCheck(alt);
    const { linkId } = await callerFor(teen).guardian.request({ email: alt.email });

    await expect(callerFor(alt).guardian.confirm({ linkId })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/account older than/),
    });
    expect(await activeGuardianOf(teen)).toBeNull();
  });

  it("refuses an adult who has not passed the card check, until they do", async () => {
    const teen = await createTeen();
    const adult = await createAdult();
    const { linkId } = await callerFor(teen).guardian.request({ email: adult.email });

    await expect(callerFor(adult).guardian.confirm({ linkId })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/card check/),
    });
    await expect(callerFor(adult).guardian.invite({ email: teen.email })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/card check/),
    });
    expect(await activeGuardianOf(teen)).toBeNull();

    await passCardCheck(adult);
    await callerFor(adult).guardian.confirm({ linkId });
    expect(await activeGuardianOf(teen)).toBe(adult.userId);
  });

  it("refuses a request answered by an account that is itself a minor", async () => {
    const teen = await createTeen({ createdAt: new Date("2026-02-01") });
    const friend = await createTeen({ createdAt: new Date("2025-06-01") });
    const { linkId } = await callerFor(teen).guardian.request({ email: friend.email });

    await expect(callerFor(friend).guardian.confirm({ linkId })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "A guardian must be an adult.",
    });
  });
});

describe("links made before guardians passed a card check", () => {
  it("stop counting as supervision until the guardian passes it", async () => {
    const parent = await createAdult();
    const teen = await createTeen();
    await env.db.sql`
      insert into guardian_links (id, guardian_user_id, supervised_user_id, may_purchase, activated_at)
      values (${randomUUID()}, ${parent.userId}, ${teen.userId}, true, now())`;

    await expect(checkout(teen)).rejects.toMatchObject({
      message: expect.stringMatching(/guardian must link/),
    });
    await passCardCheck(parent);
    await expect(checkout(teen)).resolves.toMatchObject({ checkoutUrl: expect.any(String) });
  });

  it("never count when the guardian's account is newer than the supervised one", async () => {
    const teen = await createTeen({ createdAt: new Date("2026-01-01") });
    const alt = await createAdult({ createdAt: new Date("2026-02-01") });
    await passCardCheck(alt);
    await env.db.sql`
      insert into guardian_links (id, guardian_user_id, supervised_user_id, may_purchase, activated_at)
      values (${randomUUID()}, ${alt.userId}, ${teen.userId}, true, now())`;

    await expect(checkout(teen)).rejects.toMatchObject({
      message: expect.stringMatching(/guardian must link/),
    });
  });
});

describe("the card check", () => {
  /** A Stripe-shaped event for a completed setup-mode Checkout Session. */
  const setupCompleted = (ageCheckId: string, sessionId: string) =>
    stripeEventPayload("checkout.session.completed", {
      id: sessionId,
      object: "checkout.session",
      mode: "setup",
      status: "complete",
      payment_status: "no_payment_required",
      client_reference_id: ageCheckId,
      metadata: { purpose: "age_check", ageCheckId },
      setup_intent: `seti_${randomUUID().replaceAll("-", "")}`,
    });
  const deliver = (payload: string, secret = WEBHOOK_SECRET) =>
    env.app.request("http://coinstream.test/webhooks/stripe", {
      method: "POST",
      headers: {
        "stripe-signature": stripe.webhooks.generateTestHeaderString({ payload, secret }),
      },
      body: payload,
    });
  const verifiedAt = async (who: Viewer) => {
    const [row] = await env.db.sql<{ adult_verified_at: Date | null }[]>`
      select adult_verified_at from users where id = ${who.userId}`;
    return row?.adult_verified_at ?? null;
  };
  const ageCheckOf = async (who: Viewer) => {
    const [row] = await env.db.sql<{ id: string; provider_session_id: string }[]>`
      select id, provider_session_id from age_checks where user_id = ${who.userId}
      order by created_at desc limit 1`;
    if (!row) throw new Error("no age check");
    return row;
  };

  it("marks the adult verified on a Stripe-signed setup completion, once, and not on a forged one", async () => {
    const adult = await createAdult();
    await callerFor(adult).guardian.startAgeCheck();
    const check = await ageCheckOf(adult);
    const payload = setupCompleted(check.id, check.provider_session_id);

    expect((await deliver(payload, "whsec_forged")).status).toBe(400);
    expect(await verifiedAt(adult)).toBeNull();

    expect((await deliver(payload)).status).toBe(200);
    const first = await verifiedAt(adult);
    expect(first).not.toBeNull();
    expect((await deliver(payload)).status).toBe(200);
    expect(await verifiedAt(adult)).toEqual(first);
    expect(await callerFor(adult).guardian.startAgeCheck()).toEqual({ verified: true });
  });

  it("ignores a completion naming another session than the check's", async () => {
    const adult = await createAdult();
    await callerFor(adult).guardian.startAgeCheck();
    const check = await ageCheckOf(adult);

    expect((await deliver(setupCompleted(check.id, "cs_someone_else"))).status).toBe(200);
    expect(await verifiedAt(adult)).toBeNull();
  });

  it("leaves the adult unverified when the card is declined on the sandbox page", async () => {
    const adult = await createAdult();
    const started = await callerFor(adult).guardian.startAgeCheck();
    if (!("url" in started)) throw new Error("expected a card check page");

    expect((await env.app.request(started.url)).status).toBe(200);
    await env.app.request(`${started.url}/decline`, { method: "POST" });

    expect(await verifiedAt(adult)).toBeNull();
  });

  it("refuses to start a card check for a minor", async () => {
    const teen = await createTeen();
    await expect(callerFor(teen).guardian.startAgeCheck()).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "A guardian must be an adult.",
    });
  });
});
