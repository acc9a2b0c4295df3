import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createPerson, fundWallet } from "../test-support/people.ts";
import { useTestLedger } from "../test-support/test-ledger.ts";
import { createContext, type Viewer } from "../trpc/context.ts";
import { createCallerFactory } from "../trpc/init.ts";
import { appRouter } from "../trpc/root.ts";

const env = useTestLedger();
const callerFor = (who: Viewer) =>
  createCallerFactory(appRouter)(createContext({ sql: env.db.sql, ledger: env.ledger }, who));

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
