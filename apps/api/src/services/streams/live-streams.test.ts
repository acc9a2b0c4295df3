import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { JOBS } from "../../jobs/start-jobs.ts";
import { SandboxPayoutProvider } from "../../payments/payout-provider.ts";
import { createCreator, createFundedPerson } from "../../test-support/people.ts";
import { useTestLedger } from "../../test-support/test-ledger.ts";
import type { Viewer } from "../service-context.ts";
import { expireBoosts } from "./boost-stream.ts";

const env = useTestLedger();
const callerFor = (who: Viewer | null) => env.callerFor(who);
const MINUTE = 60_000;

describe("streams.live", () => {
  it("lists only creators with an open session, boosted first, and drops a stream when its session ends", async () => {
    const viewer = await createFundedPerson(env.db.sql, env.ledger, 10_000n);
    const liveBoosted = await createCreator(env.db.sql);
    const liveGifted = await createCreator(env.db.sql);
    const liveQuiet = await createCreator(env.db.sql);
    const offBoosted = await createCreator(env.db.sql);
    const offGifted = await createCreator(env.db.sql);
    for (const live of [liveBoosted, liveGifted, liveQuiet]) {
      await callerFor(live.user).sessions.start({ title: "On air" });
    }
    for (const target of [liveBoosted, offBoosted]) {
      await callerFor(viewer).streams.boost({
        idempotencyKey: randomUUID(),
        to: { handle: target.handle },
        minutes: 5,
        confirmOffline: target === offBoosted,
      });
    }
    for (const target of [liveGifted, offGifted]) {
      await callerFor(viewer).tips.send({
        idempotencyKey: randomUUID(),
        to: { handle: target.handle },
        coins: 200,
      });
    }

    const live = await callerFor(null).streams.live();
    expect(live.map((s) => s.handle)).toEqual([
      liveBoosted.handle,
      liveGifted.handle,
      liveQuiet.handle,
    ]);
    expect(live[0]).toMatchObject({ boosted: true, title: "On air" });
    expect(live[2]).toMatchObject({ boosted: false, score: 0 });

    await callerFor(liveBoosted.user).sessions.end();
    expect((await callerFor(null).streams.live()).map((s) => s.handle)).not.toContain(
      liveBoosted.handle,
    );
  });
});

describe("expireBoosts", () => {
  it("marks boosts past their end once, however often or concurrently it runs", async () => {
    const viewer = await createFundedPerson(env.db.sql, env.ledger, 10_000n);
    const target = await createCreator(env.db.sql);
    const boost = async (minutes: number) =>
      callerFor(viewer).streams.boost({
        idempotencyKey: randomUUID(),
        to: { handle: target.handle },
        minutes,
        confirmOffline: true,
      });
    await boost(5);
    await boost(10); // stacked: ends 15 minutes from now
    const expiry = async () =>
      env.db.sql<{ minutes: number; expired_at: Date | null }[]>`
        select minutes, expired_at from stream_boosts where creator_user_id = ${target.user.userId}
        order by minutes`;

    const later = new Date(Date.now() + 6 * MINUTE);
    const [due] = await env.db.sql<{ n: bigint }[]>`
      select count(*)::int8 as n from stream_boosts where expired_at is null and ends_at <= ${later}`;
    const first = await Promise.all([
      expireBoosts(env.db.sql, later),
      expireBoosts(env.db.sql, later),
    ]);
    expect(first[0] + first[1]).toBe(Number(due?.n)); // each due boost once, this one among them
    expect(await expiry()).toEqual([
      { minutes: 5, expired_at: later },
      { minutes: 10, expired_at: null },
    ]);
    expect(await expireBoosts(env.db.sql, new Date(later.getTime() + MINUTE))).toBe(0);
    expect((await expiry())[0]?.expired_at).toEqual(later);

    // The job, at the real clock, once the stacked boost has ended too.
    await env.db.sql`
      update stream_boosts set ends_at = now() - interval '1 minute'
      where creator_user_id = ${target.user.userId} and minutes = 10`;
    const deps = { sql: env.db.sql, ledger: env.ledger, payouts: new SandboxPayoutProvider() };
    await JOBS["expire-boosts"](deps);
    await JOBS["expire-boosts"](deps);
    const [, stacked] = await expiry();
    expect(stacked?.expired_at).toBeInstanceOf(Date);
    expect((await expiry())[0]?.expired_at).toEqual(later);
  });
});
