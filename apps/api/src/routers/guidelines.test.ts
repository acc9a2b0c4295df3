import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Viewer } from "../services/service-context.ts";
import { createAdmin, createCreator, createFundedPerson } from "../test-support/people.ts";
import { useTestLedger } from "../test-support/test-ledger.ts";

const env = useTestLedger();
const callerFor = (who: Viewer | null) => env.callerFor(who);

const coinsOf = async (userId: string) =>
  (await callerFor({ userId } as Viewer).wallet.get()).coins;
const transferCount = async () =>
  (await env.db.sql<{ n: bigint }[]>`select count(*) as n from ledger_transfers`)[0]?.n;
const rose = (handle: string) => ({
  idempotencyKey: randomUUID(),
  to: { handle },
  giftId: "rose",
  count: 1,
});
const notAccepted = (version: number) => ({
  code: "PRECONDITION_FAILED",
  message: `The community guidelines changed: read and accept version ${version} (me.acceptGuidelines) to send or receive gifts again.`,
  cause: expect.objectContaining({ code: "GUIDELINES_NOT_ACCEPTED", details: { version } }),
});

/** Publishes the next version, in effect now (or from `effectiveAt`); answers its number. */
async function publish(effectiveAt?: string) {
  const admin = await createAdmin(env.db.sql);
  const published = await callerFor(admin).admin.publishGuidelines({
    title: "Community guidelines",
    body: "Be kind. No scams. Gifts are gifts, never payment for anything.",
    ...(effectiveAt ? { effectiveAt } : {}),
  });
  return { admin, version: published.version };
}

// Tests run in order on one database: each publishes on top of the previous ones.
describe("community guidelines", () => {
  it("serves the seeded version to sign-up forms, to anyone", async () => {
    const { current, upcoming } = await callerFor(null).guidelines.current();
    expect(current).toMatchObject({ version: 1, title: "Community guidelines" });
    expect(current.body).toMatch(/Three active strikes within 90 days/);
    expect(upcoming).toBeNull();
  });

  it("refuses spending with GUIDELINES_NOT_ACCEPTED naming the new version, moves no coins, keeps reads open, and reopens on acceptance", async () => {
    const viewer = await createFundedPerson(env.db.sql, env.ledger, 1_000n);
    const star = await createCreator(env.db.sql);
    await callerFor(viewer).gifts.send(rose(star.handle));
    const { admin, version } = await publish();
    await callerFor(star.user).me.acceptGuidelines({ version });
    const before = await transferCount();

    const caller = callerFor(viewer);
    await expect(caller.gifts.send(rose(star.handle))).rejects.toMatchObject(notAccepted(version));
    await expect(
      caller.tips.send({ idempotencyKey: randomUUID(), to: { handle: star.handle }, coins: 5 }),
    ).rejects.toMatchObject(notAccepted(version));
    await expect(
      caller.store.checkout({ idempotencyKey: randomUUID(), item: { customCoins: 500 } }),
    ).rejects.toMatchObject(notAccepted(version));
    expect(await transferCount()).toBe(before);
    // Reading still works: the wallet, its history, the person's own status.
    expect(await coinsOf(viewer.userId)).toBe(999);
    expect((await caller.wallet.history({})).items.length).toBeGreaterThan(0);
    expect(await caller.me.guidelines()).toMatchObject({
      current: { version },
      acceptedVersion: 1,
      accepted: false,
    });

    await expect(caller.me.acceptGuidelines({ version: 1 })).rejects.toMatchObject({
      code: "CONFLICT",
      cause: expect.objectContaining({ details: { version } }),
    });
    expect(await caller.me.acceptGuidelines({ version })).toMatchObject({ accepted: true });
    await caller.gifts.send(rose(star.handle));
    expect(await coinsOf(viewer.userId)).toBe(998);

    const [audit] = await env.db.sql<{ action: string; target_id: string }[]>`
      select action, target_id from admin_audit where admin_user_id = ${admin.userId}`;
    expect(audit).toEqual({ action: "publish_guidelines", target_id: String(version) });
  });

  it("refuses gifts to a creator who has not accepted the version in effect, moving no coins", async () => {
    const viewer = await createFundedPerson(env.db.sql, env.ledger, 100n);
    const star = await createCreator(env.db.sql);
    const { version } = await publish();
    await callerFor(viewer).me.acceptGuidelines({ version });

    await expect(callerFor(viewer).gifts.send(rose(star.handle))).rejects.toMatchObject({
      code: "FORBIDDEN",
      cause: expect.objectContaining({
        code: "NOT_ELIGIBLE",
        details: { reasons: [expect.objectContaining({ code: "GUIDELINES_NOT_ACCEPTED" })] },
      }),
    });
    expect(await coinsOf(viewer.userId)).toBe(100);
    const status = await callerFor(star.user).creator.status();
    expect(status).toMatchObject({
      canReceive: false,
      receiveMissing: [expect.objectContaining({ code: "GUIDELINES_NOT_ACCEPTED" })],
    });

    await callerFor(star.user).me.acceptGuidelines({ version });
    await callerFor(viewer).gifts.send(rose(star.handle));
    expect(await coinsOf(viewer.userId)).toBe(99);
  });

  it("keeps spending open while a version published ahead waits for its date, and takes an early acceptance", async () => {
    const viewer = await createFundedPerson(env.db.sql, env.ledger, 100n);
    const star = await createCreator(env.db.sql);
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    const { version } = await publish(inAnHour);

    await callerFor(viewer).gifts.send(rose(star.handle));
    expect(await callerFor(viewer).me.guidelines()).toMatchObject({
      current: { version: version - 1 },
      upcoming: {
        version,
        effectiveAt: inAnHour,
      },
      accepted: true,
    });
    expect(await callerFor(viewer).me.acceptGuidelines({ version })).toMatchObject({
      acceptedVersion: version,
      accepted: true,
    });
  });

  it("refuses a version that takes effect before the one already published", async () => {
    const admin = await createAdmin(env.db.sql);
    await expect(
      callerFor(admin).admin.publishGuidelines({
        title: "Community guidelines",
        body: "Be kind. No scams. Gifts are gifts, never payment for anything.",
      }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/must not come before version/),
    });
  });

  it("judges a viewer read with its session by the accepted version it carries, with no lookup", async () => {
    const viewer = await createFundedPerson(env.db.sql, env.ledger, 100n);
    const target = await createCreator(env.db.sql);
    const [row] = await env.db.sql<{ version: number }[]>`
      select max(version) as version from guidelines_versions where effective_at <= now()`;
    const inEffect = row?.version ?? 1;
    // The session said an older version: refused, though the table now holds an acceptance.
    await expect(
      callerFor({ ...viewer, acceptedGuidelinesVersion: inEffect - 1 }).gifts.send(
        rose(target.handle),
      ),
    ).rejects.toMatchObject(notAccepted(inEffect));
    // The session said the version in effect: sent without asking the acceptances table.
    await env.db.sql`delete from guidelines_acceptances where user_id = ${viewer.userId}`;
    const sent = await callerFor({ ...viewer, acceptedGuidelinesVersion: inEffect }).gifts.send(
      rose(target.handle),
    );
    expect(sent.coinsSpent).toBe(1);
  });
});
