import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Viewer } from "../services/service-context.ts";
import {
  createCreator,
  createFundedPerson,
  createPerson,
  fundWallet,
} from "../test-support/people.ts";
import { useTestLedger } from "../test-support/test-ledger.ts";

const env = useTestLedger();
const callerFor = (who: Viewer) => env.callerFor(who);

describe("creator", () => {
  it("registers a handle, and lists what is missing to receive gifts and to withdraw", async () => {
    const me = await createPerson(env.db.sql, { createdAt: new Date() });
    const handle = `h${randomUUID().slice(0, 8)}`;
    expect(await callerFor(me).creator.register({ handle: `@${handle.toUpperCase()}` })).toEqual({
      handle,
    });
    const status = await callerFor(me).creator.status();
    expect(status).toMatchObject({
      isCreator: true,
      handle,
      canReceive: false,
      canWithdraw: false,
    });
    if (!status.isCreator) throw new Error("expected a creator");
    expect(status.receiveMissing.map((r) => r.code)).toEqual(["NO_VERIFIED_CHANNEL"]);
    expect(status.withdrawMissing.map((r) => r.code)).toEqual([
      "ACCOUNT_TOO_NEW",
      "NO_PAYOUT_METHOD",
    ]);
    expect(status.diamonds).toEqual({ held: 0, available: 0, reserved: 0, nextReleaseAt: null });
    expect(status.payoutMethod).toBeNull();

    await callerFor(me).creator.setPayoutMethod({ method: "paypal", label: "me@paypal" });
    const after = await callerFor(me).creator.status();
    if (!after.isCreator) throw new Error("expected a creator");
    expect(after.withdrawMissing.map((r) => r.code)).toEqual(["ACCOUNT_TOO_NEW"]);
    expect(after.payoutMethod).toEqual({ method: "paypal", label: "me@paypal", inReview: false });
  });

  it("refuses a handle someone else has, and a second handle", async () => {
    const [a, b] = [await createPerson(env.db.sql), await createPerson(env.db.sql)];
    const handle = `h${randomUUID().slice(0, 8)}`;
    await callerFor(a).creator.register({ handle });
    await expect(callerFor(b).creator.register({ handle })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(callerFor(a).creator.register({ handle: `${handle}x` })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(callerFor(a).creator.register({ handle: "no spaces" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("shows held diamonds with their source and when they release after a tip", async () => {
    const creator = await createPerson(env.db.sql);
    const viewer = await createPerson(env.db.sql);
    const handle = `h${randomUUID().slice(0, 8)}`;
    await callerFor(creator).creator.register({ handle });
    await env.db.sql`
      insert into creator_channels (creator_user_id, platform, channel, followers, followers_verified, verified_at)
      values (${creator.userId}, 'kick', ${handle}, 300, true, now())`;
    await fundWallet(env.db.sql, env.ledger, viewer, 100n);
    await callerFor(viewer).tips.send({
      idempotencyKey: randomUUID(),
      to: { handle },
      coins: 60,
      message: "hi",
    });

    const status = await callerFor(creator).creator.status();
    if (!status.isCreator) throw new Error("expected a creator");
    expect(status.canReceive).toBe(true);
    expect(status.diamonds).toMatchObject({ held: 30, available: 0 });
    expect(new Date(status.diamonds.nextReleaseAt ?? 0).getTime() - Date.now()).toBeGreaterThan(
      6.9 * 86_400_000,
    );
    const { items } = await callerFor(creator).creator.earnings({});
    expect(items).toMatchObject([{ diamonds: 30, kind: "tip", message: "hi" }]);
  });
});

describe("paging creator.earnings and wallet.history", () => {
  it("reaches every entry of a one-sided history, page after page", async () => {
    const { user: creator, handle } = await createCreator(env.db.sql, 500);
    const fan = await createFundedPerson(env.db.sql, env.ledger, 1_000n);
    for (let i = 0; i < 7; i++) {
      await callerFor(fan).tips.send({ idempotencyKey: randomUUID(), to: { handle }, coins: 10 });
    }
    /** Follows `nextCursor` from the first page to the end, collecting every item. */
    async function everyPage<T>(
      read: (cursor: string | null) => Promise<{ items: T[]; nextCursor: string | null }>,
    ) {
      const items: T[] = [];
      let cursor: string | null = null;
      do {
        const page = await read(cursor);
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== null && items.length < 100);
      return items;
    }
    // A creator's hold is only ever credited; a wallet filtered to tips is only ever debited.
    const earnings = await everyPage((cursor) =>
      callerFor(creator).creator.earnings({ cursor, limit: 3 }),
    );
    expect(earnings.map((item) => [item.kind, item.diamonds])).toEqual(
      Array.from({ length: 7 }, () => ["tip", 5]),
    );
    const tips = await everyPage((cursor) =>
      callerFor(fan).wallet.history({ cursor, limit: 3, codes: ["tip"] }),
    );
    expect(tips.map((item) => item.coins)).toEqual(Array.from({ length: 7 }, () => -10));
    expect(new Set(tips.map((item) => item.id)).size).toBe(7);
  });
});
