import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { foldEverything, insertStreamEvent } from "../../test-support/fold-analytics.ts";
import { createCreator, createFundedPerson } from "../../test-support/people.ts";
import { useTestLedger } from "../../test-support/test-ledger.ts";
import type { Viewer } from "../service-context.ts";

const env = useTestLedger();
const callerFor = (who: Viewer | null) => env.callerFor(who);

describe("getLeaderboard", () => {
  it("ranks all time from the roll-ups plus the unfolded tail, with the cosmetics each supporter wears", async () => {
    const creator = await createCreator(env.db.sql);
    const [ana, ben, cat] = [
      await createFundedPerson(env.db.sql, env.ledger, 5_000n, { name: "Ana" }),
      await createFundedPerson(env.db.sql, env.ledger, 5_000n, { name: "Ben" }),
      await createFundedPerson(env.db.sql, env.ledger, 5_000n, { name: "Cat" }),
    ];
    await env.db.sql`
      insert into viewer_profiles (user_id, badge_frame, name_color)
      values (${ana.userId}, 'gold', '#f2b705'), (${ben.userId}, null, '#2ec4d6'),
             (${cat.userId}, null, null)`;
    const tip = (who: Viewer, coins: number) =>
      callerFor(who).tips.send({ idempotencyKey: randomUUID(), to: { url: creator.url }, coins });
    await tip(ana, 30);
    await tip(ben, 100);
    await callerFor(cat).gifts.send({
      idempotencyKey: randomUUID(),
      to: { url: creator.url },
      giftId: "doughnut",
      count: 2,
    });
    await foldEverything(env.db.sql);
    await tip(ana, 80); // tail

    const board = (period: "live" | "all") =>
      callerFor(null).streams.leaderboard({ to: { handle: creator.handle }, period });
    const expected = [
      {
        rank: 1,
        name: "Ana",
        coins: 110,
        gifts: 2,
        viewerStyle: { badgeFrame: "gold", nameColor: "#f2b705" },
      },
      {
        rank: 2,
        name: "Ben",
        coins: 100,
        gifts: 1,
        viewerStyle: { badgeFrame: null, nameColor: "#2ec4d6" },
      },
      { rank: 3, name: "Cat", coins: 60, gifts: 1 },
    ];
    const all = await board("all");
    expect(all.entries).toEqual(expected);
    expect(all.entries[2]).not.toHaveProperty("viewerStyle");
    expect((await board("live")).entries).toEqual(expected);
    await foldEverything(env.db.sql);
    expect((await board("all")).entries).toEqual(expected);
  });

  it("lets a supporter outside the folded top 10 climb on gifts not folded yet", async () => {
    const creator = await createCreator(env.db.sql);
    const c = creator.user.userId;
    const longAgo = new Date("2026-01-15T12:00:00Z");
    for (let i = 1; i <= 12; i++) {
      await insertStreamEvent(env.db.sql, {
        creatorUserId: c,
        viewerUserId: `v${i}-${c}`,
        viewerName: `Viewer ${i}`,
        kind: "tip",
        coins: i * 10,
        at: longAgo,
      });
    }
    await foldEverything(env.db.sql);
    const board = async () =>
      (
        await callerFor(null).streams.leaderboard({ to: { url: creator.url }, period: "all" })
      ).entries.map((e) => [e.name, e.coins]);
    expect(await board()).toEqual(
      [12, 11, 10, 9, 8, 7, 6, 5, 4, 3].map((i) => [`Viewer ${i}`, i * 10]),
    );

    await insertStreamEvent(env.db.sql, {
      creatorUserId: c,
      viewerUserId: `v1-${c}`,
      viewerName: "Viewer One", // renamed since
      kind: "tip",
      coins: 1_000,
      at: new Date(),
    });
    const climbed = await board();
    expect(climbed.slice(0, 2)).toEqual([
      ["Viewer One", 1_010],
      ["Viewer 12", 120],
    ]);
    expect(climbed).toHaveLength(10);
    expect(
      (await callerFor(null).streams.leaderboard({ to: { url: creator.url }, period: "live" }))
        .entries,
    ).toEqual([{ rank: 1, name: "Viewer One", coins: 1_000, gifts: 1 }]);
    await foldEverything(env.db.sql);
    expect(await board()).toEqual(climbed);
  });
});
