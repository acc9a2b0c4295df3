import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { PaymentProvider } from "../../payments/payment-provider.ts";
import {
  createAdmin,
  createFundedPerson,
  createPerson,
  spendFromWallet,
} from "../../test-support/people.ts";
import { useTestLedger } from "../../test-support/test-ledger.ts";
import type { Viewer } from "../service-context.ts";

const env = useTestLedger();
const payments: PaymentProvider = {
  name: "sandbox",
  createCheckout: async (request) => ({ sessionId: `cs_${request.purchaseId}`, url: "http://x" }),
  startAgeCheck: async (request) => ({ sessionId: `cs_${request.ageCheckId}`, url: "http://x" }),
};
const callerFor = (who: Viewer | null) => env.callerFor(who, { payments: { provider: payments } });
const person = () => createPerson(env.db.sql);
const countRows = async (table: "support_tickets" | "support_messages" | "admin_audit") =>
  (await env.db.sql<{ n: bigint }[]>`select count(*)::int8 as n from ${env.db.sql(table)}`)[0]?.n;

/** Someone who has spent `coins` from their wallet on `code` (a gift counts for the level). */
async function spender(coins: bigint, code: "gift" | "boost") {
  const who = await createFundedPerson(env.db.sql, env.ledger, coins);
  await spendFromWallet(env.ledger, who, coins, code);
  return who;
}

const open = (who: Viewer, subject = "Coins missing") =>
  callerFor(who).support.open({ subject, body: "I paid but\nsee no coins." });

describe("support.open and support.list", () => {
  it("opens a ticket the person then sees with its thread and the answer time of their tier", async () => {
    const viewer = await person();
    const opened = await open(viewer, "  <b>Coins</b> missing ");
    expect(opened).toMatchObject({
      subject: "<b>Coins</b> missing",
      status: "open",
      tier: "standard",
      expectedAnswerHours: 72,
      messages: [{ from: "user", body: "I paid but\nsee no coins." }],
    });
    const listed = await callerFor(viewer).support.list();
    expect(listed).toMatchObject({ tier: "standard", expectedAnswerHours: 72 });
    expect(listed.tickets.map((t) => t.ticketId)).toEqual([opened.ticketId]);
    expect((await callerFor(await person()).support.list()).tickets).toEqual([]);
  });

  it.each([
    ["an empty subject", { subject: "   ", body: "Help" }],
    ["a subject with a line break", { subject: "Coins\nmissing", body: "Help" }],
    ["a subject over 120 characters", { subject: "x".repeat(121), body: "Help" }],
    ["a message over 4,000 characters", { subject: "Coins", body: "y".repeat(4_001) }],
    ["a control character", { subject: "Coins", body: "Help\u0007" }],
    ["a text-direction override", { subject: "Coins\u202e", body: "Help" }],
  ])("refuses %s with BAD_REQUEST, writing nothing", async (_label, input) => {
    const viewer = await person();
    const before = [await countRows("support_tickets"), await countRows("support_messages")];
    await expect(callerFor(viewer).support.open(input)).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect([await countRows("support_tickets"), await countRows("support_messages")]).toEqual(
      before,
    );
  });

  it("refuses a sixth open ticket with LIMIT_EXCEEDED, writing nothing", async () => {
    const viewer = await person();
    for (let i = 0; i < 5; i++) await open(viewer, `Question ${i}`);
    const before = await countRows("support_tickets");
    await expect(open(viewer, "One more")).rejects.toMatchObject({
      cause: expect.objectContaining({ code: "LIMIT_EXCEEDED" }),
    });
    expect(await countRows("support_tickets")).toBe(before);
  });

  it("lets a frozen account open a ticket, and the frozen error says how to reach support", async () => {
    const admin = await createAdmin(env.db.sql);
    const viewer = await person();
    await callerFor(admin).admin.freeze({ userId: viewer.userId, reason: "chargeback review" });
    const frozen = { ...viewer, frozen: true };
    const refused = await callerFor(frozen)
      .store.checkout({ idempotencyKey: randomUUID(), item: { packId: "coins-100" } })
      .then(
        () => new Error("the checkout was not refused"),
        (e: unknown) => e as Error,
      );
    expect(refused.message).toContain("open a support ticket from the wallet");
    expect((await open(frozen)).status).toBe("open");
  });
});

describe("the support queue", () => {
  it("puts the highest tier first, then the oldest, whatever order tickets were opened in", async () => {
    const admin = await createAdmin(env.db.sql);
    const first = await open(await person(), "standard, opened first");
    const second = await open(await person(), "standard, opened second");
    // 10,000 coins on boosts: not gifting, but spending, so priority support.
    const booster = await open(await spender(10_000n, "boost"), "priority by coins spent");
    // 60,000 coins gifted: gifter level 30, so VIP.
    const gifter = await open(await spender(60_000n, "gift"), "vip by gifter level");
    expect([booster.tier, gifter.tier]).toEqual(["priority", "vip"]);
    expect(gifter.expectedAnswerHours).toBe(4);

    const queue = await callerFor(admin).admin.supportQueue({ status: "open", limit: 200 });
    const ours = new Set([first, second, booster, gifter].map((t) => t.ticketId));
    expect(queue.filter((t) => ours.has(t.ticketId)).map((t) => t.subject)).toEqual([
      "vip by gifter level",
      "priority by coins spent",
      "standard, opened first",
      "standard, opened second",
    ]);
  });

  it("threads replies both ways, tracks who is waiting, and takes none once closed", async () => {
    const admin = await createAdmin(env.db.sql);
    const viewer = await person();
    const ticket = await open(viewer);

    const answered = await callerFor(admin).admin.replySupport({
      ticketId: ticket.ticketId,
      body: "We refunded it.",
    });
    expect(answered.status).toBe("answered");
    const seen = (await callerFor(viewer).support.list()).tickets[0];
    expect(seen?.messages.map((m) => [m.from, m.body])).toEqual([
      ["user", "I paid but\nsee no coins."],
      ["support", "We refunded it."],
    ]);
    const reopened = await callerFor(viewer).support.reply({
      ticketId: ticket.ticketId,
      body: "Thanks!",
    });
    expect(reopened.status).toBe("open");

    // Someone else's ticket does not exist for them, and stays as it was.
    await expect(
      callerFor(await person()).support.reply({ ticketId: ticket.ticketId, body: "Me too" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });

    await callerFor(admin).admin.closeSupport({ ticketId: ticket.ticketId });
    const audits = await countRows("admin_audit");
    await callerFor(admin).admin.closeSupport({ ticketId: ticket.ticketId });
    expect(await countRows("admin_audit")).toBe(audits);
    await expect(
      callerFor(viewer).support.reply({ ticketId: ticket.ticketId, body: "One more thing" }),
    ).rejects.toMatchObject({ cause: expect.objectContaining({ code: "FORBIDDEN_CHANGE" }) });
    const final = (await callerFor(viewer).support.list()).tickets[0];
    expect(final?.status).toBe("closed");
    expect(final?.messages).toHaveLength(3);

    const trail = await env.db.sql<{ action: string }[]>`
      select action from admin_audit where target_id = ${ticket.ticketId} order by at`;
    expect(trail.map((row) => row.action)).toEqual(["reply_support", "close_support"]);
  });

  it("refuses the queue to a viewer", async () => {
    await expect(callerFor(await person()).admin.supportQueue()).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
