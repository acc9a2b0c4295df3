import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { foldEverything } from "../../test-support/fold-analytics.ts";
import { createCreator, createFundedPerson, createPerson } from "../../test-support/people.ts";
import { useTestLedger } from "../../test-support/test-ledger.ts";
import type { Viewer } from "../service-context.ts";

const env = useTestLedger();
const callerFor = (who: Viewer | null) => env.callerFor(who);

const tierCount = async () =>
  (await env.db.sql<{ n: bigint }[]>`select count(*)::int8 as n from perk_tiers`)[0]?.n;

/** A creator with Fan (100), VIP (1,000) and Legend (5,000) tiers. */
async function creatorWithTiers() {
  const target = await createCreator(env.db.sql);
  const perks = callerFor(target.user).perks;
  const fan = await perks.define({ name: "Fan", minCoins: 100, badge: "⭐" });
  const legend = await perks.define({
    name: "Legend",
    minCoins: 5_000,
    badge: "🔥",
    perkText: "Monthly call with me",
  });
  const vip = await perks.define({
    name: "VIP",
    minCoins: 1_000,
    badge: "👑",
    perkText: "Discord role: ask a mod",
    perkUrl: "https://discord.gg/vip-room",
  });
  return { ...target, tiers: { fan, vip, legend } };
}

async function gift(viewer: Viewer, handle: string, giftId: string, count = 1) {
  await callerFor(viewer).gifts.send({
    idempotencyKey: randomUUID(),
    to: { handle },
    giftId,
    count,
  });
}

describe("perks", () => {
  it("lists active tiers by threshold without their perks", async () => {
    const target = await creatorWithTiers();
    const listed = await callerFor(null).perks.list({ handle: target.handle });
    expect(listed).toEqual({
      handle: target.handle,
      tiers: [
        { id: target.tiers.fan.id, name: "Fan", minCoins: 100, badge: "⭐" },
        { id: target.tiers.vip.id, name: "VIP", minCoins: 1_000, badge: "👑" },
        { id: target.tiers.legend.id, name: "Legend", minCoins: 5_000, badge: "🔥" },
      ],
    });
    expect(JSON.stringify(listed)).not.toContain("Discord");
    expect((await callerFor(target.user).perks.tiers()).map((t) => t.perkUrl)).toEqual([
      null,
      "https://discord.gg/vip-room",
      null,
    ]);
  });

  it("unlocks tiers, and shows their perks, only once real gifts reach the threshold", async () => {
    const target = await creatorWithTiers();
    const viewer = await createFundedPerson(env.db.sql, env.ledger, 10_000n);
    const mine = () => callerFor(viewer).perks.mine({ handle: target.handle });

    const none = await mine();
    expect(none).toMatchObject({
      coinsGiven: 0,
      nextTier: { name: "Fan", coinsNeeded: 100 },
    });
    expect(none.tiers.map((t) => [t.name, t.unlocked, t.perkText, t.perkUrl])).toEqual([
      ["Fan", false, null, null],
      ["VIP", false, null, null],
      ["Legend", false, null, null],
    ]);

    await gift(viewer, target.handle, "coffee", 2); // 100 coins: exactly the Fan threshold
    expect(await mine()).toMatchObject({
      coinsGiven: 100,
      nextTier: { name: "VIP", minCoins: 1_000, coinsNeeded: 900 },
    });

    await gift(viewer, target.handle, "crown", 3); // +897 = 997: three coins short of VIP
    const below = await mine();
    expect(below.coinsGiven).toBe(997);
    expect(below.tiers.map((t) => [t.name, t.unlocked, t.perkUrl])).toEqual([
      ["Fan", true, null],
      ["VIP", false, null],
      ["Legend", false, null],
    ]);
    expect(below.nextTier).toMatchObject({ name: "VIP", coinsNeeded: 3 });

    await gift(viewer, target.handle, "doughnut"); // +30 = 1,027
    const above = await mine();
    expect(above.coinsGiven).toBe(1_027);
    expect(above.tiers.map((t) => [t.name, t.unlocked, t.perkText, t.perkUrl])).toEqual([
      ["Fan", true, null, null],
      ["VIP", true, "Discord role: ask a mod", "https://discord.gg/vip-room"],
      ["Legend", false, null, null],
    ]);
    expect(above.nextTier).toMatchObject({ name: "Legend", coinsNeeded: 3_973 });

    // Coins given to someone else count for nothing here.
    const other = await createCreator(env.db.sql);
    await gift(viewer, other.handle, "unicorn");
    expect((await mine()).coinsGiven).toBe(1_027);

    // Another viewer sees only their own standing.
    const stranger = await createPerson(env.db.sql);
    expect((await callerFor(stranger).perks.mine({ handle: target.handle })).coinsGiven).toBe(0);
  });

  it("keeps a perk unlocked when the creator raises its threshold, folded or not", async () => {
    const target = await creatorWithTiers();
    const early = await createFundedPerson(env.db.sql, env.ledger, 5_000n);
    const folded = await createFundedPerson(env.db.sql, env.ledger, 5_000n);
    const late = await createFundedPerson(env.db.sql, env.ledger, 5_000n);
    await gift(early, target.handle, "coffee", 24); // 1,200 coins: VIP unlocked
    await gift(folded, target.handle, "coffee", 22); // 1,100 coins, folded into the roll-ups
    await foldEverything(env.db.sql);
    const vipOf = async (who: Viewer) =>
      (await callerFor(who).perks.mine({ handle: target.handle })).tiers.find(
        (tier) => tier.id === target.tiers.vip.id,
      );
    expect(await vipOf(early)).toMatchObject({ unlocked: true });

    await callerFor(target.user).perks.update({ id: target.tiers.vip.id, minCoins: 3_000 });
    for (const who of [early, folded]) {
      expect(await vipOf(who)).toMatchObject({
        minCoins: 3_000,
        unlocked: true,
        perkText: "Discord role: ask a mod",
        perkUrl: "https://discord.gg/vip-room",
      });
    }
    const mine = await callerFor(early).perks.mine({ handle: target.handle });
    expect(mine.nextTier).toMatchObject({ id: target.tiers.legend.id, coinsNeeded: 3_800 });

    // Someone reaching the old threshold after the raise has not unlocked it.
    await gift(late, target.handle, "coffee", 24);
    expect(await vipOf(late)).toMatchObject({ unlocked: false, perkText: null });
    // Raising again keeps what was unlocked; lowering unlocks more as before.
    await callerFor(target.user).perks.update({ id: target.tiers.vip.id, minCoins: 4_000 });
    expect(await vipOf(early)).toMatchObject({ unlocked: true });
    await callerFor(target.user).perks.update({ id: target.tiers.vip.id, minCoins: 1_000 });
    expect(await vipOf(late)).toMatchObject({ unlocked: true });
  });

  it("hides archived tiers from supporters, keeps them as history and frees their threshold", async () => {
    const target = await creatorWithTiers();
    const viewer = await createFundedPerson(env.db.sql, env.ledger, 2_000n);
    await gift(viewer, target.handle, "fireworks"); // 1,088 coins: VIP unlocked
    const perks = callerFor(target.user).perks;

    const archived = await perks.archive({ id: target.tiers.vip.id });
    expect(archived.archivedAt).not.toBeNull();
    expect(await perks.archive({ id: target.tiers.vip.id })).toEqual(archived);

    expect(
      (await callerFor(null).perks.list({ handle: target.handle })).tiers.map((t) => t.name),
    ).toEqual(["Fan", "Legend"]);
    const mine = await callerFor(viewer).perks.mine({ handle: target.handle });
    expect(mine.tiers.map((t) => t.name)).toEqual(["Fan", "Legend"]);
    expect(JSON.stringify(mine)).not.toContain("Discord");
    expect((await perks.tiers()).map((t) => t.name)).toEqual(["Fan", "Legend"]);
    expect(await perks.tiers({ includeArchived: true })).toContainEqual(archived);

    await expect(
      perks.update({ id: target.tiers.vip.id, name: "VIP again" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", cause: { code: "FORBIDDEN_CHANGE" } });
    const replacement = await perks.define({ name: "VIP 2", minCoins: 1_000 });
    expect(replacement.minCoins).toBe(1_000);
  });

  it("updates a tier, clearing optional fields with null", async () => {
    const target = await creatorWithTiers();
    const perks = callerFor(target.user).perks;
    const updated = await perks.update({
      id: target.tiers.vip.id,
      minCoins: 2_000,
      badge: null,
      perkText: "New role",
    });
    expect(updated).toMatchObject({
      name: "VIP",
      minCoins: 2_000,
      badge: null,
      perkText: "New role",
      perkUrl: "https://discord.gg/vip-room",
    });
    await expect(perks.update({ id: target.tiers.vip.id, minCoins: 100 })).rejects.toMatchObject({
      code: "CONFLICT",
      cause: { code: "CONFLICT" },
    });
    await expect(
      perks.update({ id: target.tiers.vip.id, perkUrl: "http://insecure.example" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { code: "INVALID_INPUT" } });
    expect((await perks.tiers()).find((t) => t.id === target.tiers.vip.id)).toEqual(updated);
  });

  it.each([
    ["an empty name", { name: " ", minCoins: 10 }, "BAD_REQUEST"],
    ["a 41-character name", { name: "x".repeat(41), minCoins: 10 }, "BAD_REQUEST"],
    ["a threshold of 0", { name: "Zero", minCoins: 0 }, "BAD_REQUEST"],
    ["a fractional threshold", { name: "Half", minCoins: 1.5 }, "BAD_REQUEST"],
    ["a 9-character badge", { name: "B", minCoins: 10, badge: "123456789" }, "BAD_REQUEST"],
    [
      "501 characters of perk text",
      { name: "T", minCoins: 10, perkText: "x".repeat(501) },
      "BAD_REQUEST",
    ],
    ["an http link", { name: "L", minCoins: 10, perkUrl: "http://example.com" }, "BAD_REQUEST"],
    ["a threshold already used", { name: "Dup", minCoins: 1_000 }, "CONFLICT"],
  ] as const)("refuses a tier with %s and changes nothing", async (_label, tier, code) => {
    const target = await creatorWithTiers();
    const before = await tierCount();
    await expect(callerFor(target.user).perks.define(tier)).rejects.toMatchObject({ code });
    expect(await tierCount()).toBe(before);
  });

  it("refuses an eleventh active tier", async () => {
    const target = await createCreator(env.db.sql);
    const perks = callerFor(target.user).perks;
    for (let i = 1; i <= 10; i++) await perks.define({ name: `Tier ${i}`, minCoins: i * 100 });
    const before = await tierCount();
    await expect(perks.define({ name: "Eleven", minCoins: 1_100 })).rejects.toMatchObject({
      code: "CONFLICT",
      cause: { details: { maxTiers: 10 } },
    });
    expect(await tierCount()).toBe(before);
    // Archiving one makes room again.
    const [first] = await perks.tiers();
    await perks.archive({ id: first?.id ?? "" });
    await perks.define({ name: "Eleven", minCoins: 1_100 });
  });

  it("lets creator B change or archive none of creator A's tiers, and refuses non-creators", async () => {
    const a = await creatorWithTiers();
    const b = await createCreator(env.db.sql);
    const asB = callerFor(b.user).perks;
    for (const attempt of [
      () => asB.update({ id: a.tiers.vip.id, perkText: "hijacked" }),
      () => asB.archive({ id: a.tiers.vip.id }),
    ]) {
      await expect(attempt()).rejects.toMatchObject({
        code: "NOT_FOUND",
        cause: { code: "NOT_FOUND" },
      });
    }
    expect(await asB.tiers({ includeArchived: true })).toEqual([]);
    expect((await callerFor(a.user).perks.tiers()).find((t) => t.id === a.tiers.vip.id)).toEqual(
      a.tiers.vip,
    );

    const viewer = await createPerson(env.db.sql);
    for (const attempt of [
      () => callerFor(viewer).perks.define({ name: "Mine", minCoins: 1 }),
      () => callerFor(viewer).perks.tiers(),
      () => callerFor(viewer).perks.archive({ id: a.tiers.fan.id }),
    ]) {
      await expect(attempt()).rejects.toMatchObject({
        code: "FORBIDDEN",
        cause: { code: "NOT_ELIGIBLE", message: expect.stringContaining("Register as a creator") },
      });
    }
    await expect(callerFor(null).perks.list({ handle: "nobody-here" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
