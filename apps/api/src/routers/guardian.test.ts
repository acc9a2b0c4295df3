import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createCreator, createPerson, fundWallet } from "../test-support/people.ts";
import { useSandboxApi } from "../test-support/test-ledger.ts";
import { createContext, type Viewer } from "../trpc/context.ts";
import { createCallerFactory } from "../trpc/init.ts";
import { appRouter } from "../trpc/root.ts";

const env = useSandboxApi("whsec_guardian_test");
const createCaller = createCallerFactory(appRouter);
const SIXTEEN = () => new Date(Date.now() - (16 * 365.25 + 30) * 86_400_000);

const callerFor = (who: Viewer) =>
  createCaller(createContext({ sql: env.db.sql, ledger: env.ledger, payments: env.payments }, who));
const checkout = (who: Viewer) =>
  callerFor(who).store.checkout({ idempotencyKey: randomUUID(), item: { packId: "coins-100" } });

/** A 16-year-old in the US (where 16+ may take part under a guardian) and their parent, linked. */
async function family() {
  const parent = await createPerson(env.db.sql, { name: "Parent" });
  const teen = await createPerson(env.db.sql, { name: "Teen", dateOfBirth: SIXTEEN() });
  const { linkId } = await callerFor(parent).guardian.invite({ email: teen.email });
  return { parent, teen, linkId };
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

    await callerFor(parent).guardian.setControls({
      supervisedUserId: teen.userId,
      mayPurchase: true,
    });
    const started = await checkout(teen);
    await env.app.request(`${started.checkoutUrl}/pay`, { method: "POST" });
    expect((await callerFor(teen).wallet.get()).coins).toBe(110);
    expect(await callerFor(parent).guardian.notifications()).toMatchObject([
      {
        kind: "supervised_purchase",
        payload: { supervisedUserId: teen.userId, coins: 110, priceMinor: 199 },
      },
    ]);
  });

  it("blocks gifting with a guardian cap of 0 that the supervised account cannot lift", async () => {
    const { parent, teen, linkId } = await family();
    await callerFor(teen).guardian.confirm({ linkId });
    await fundWallet(env.db.sql, env.ledger, teen, 500n);
    const target = await createCreator(env.db.sql);
    await callerFor(parent).guardian.setControls({
      supervisedUserId: teen.userId,
      caps: { dailyCoins: 0 },
    });
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

  it("refuses a minor as guardian, a second guardian, and confirming someone else's request", async () => {
    const adult = await createPerson(env.db.sql);
    const minor = await createPerson(env.db.sql, { dateOfBirth: SIXTEEN() });
    await expect(callerFor(minor).guardian.invite({ email: adult.email })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "A guardian must be an adult.",
    });
    const { teen, linkId } = await family();
    const stranger = await createPerson(env.db.sql);
    await expect(callerFor(stranger).guardian.invite({ email: teen.email })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(callerFor(stranger).guardian.confirm({ linkId })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect((await callerFor(teen).guardian.links())[0]).toMatchObject({
      role: "supervised",
      awaiting: "supervised",
    });
  });
});
