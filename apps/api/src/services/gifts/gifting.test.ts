import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createCreator, createPerson, fundWallet } from "../../test-support/people.ts";
import { useTestLedger } from "../../test-support/test-ledger.ts";
import type { Viewer } from "../service-context.ts";

const env = useTestLedger();
const NOW = new Date();

const person = (overrides: Partial<Viewer> = {}) => createPerson(env.db.sql, overrides);
const creator = (followers = 150, who?: Viewer) => createCreator(env.db.sql, followers, who);
const fund = (who: Viewer, coins: bigint) => fundWallet(env.db.sql, env.ledger, who, coins);

const callerFor = (who: Viewer | null) => env.callerFor(who);
const coinsOf = async (who: Viewer) => (await callerFor(who).wallet.get()).coins;
const heldOf = async (held: string) =>
  (await env.ledger.getBalances([held])).get(held)?.creditsPosted ?? 0n;
const transferCount = async () =>
  (await env.db.sql<{ n: bigint }[]>`select count(*)::int8 as n from ledger_transfers`)[0]?.n;

describe("gifts.send", () => {
  it("spends coins and credits the creator's held diamonds when a funded viewer sends 3 crowns", async () => {
    const viewer = await person();
    const target = await creator();
    await fund(viewer, 1_000n);
    const result = await callerFor(viewer).gifts.send({
      idempotencyKey: randomUUID(),
      to: { url: target.url },
      giftId: "crown",
      count: 3,
      message: "  gg!  ",
    });
    expect(result).toMatchObject({
      coinsSpent: 897,
      balance: 103,
      replayed: false,
      creator: { handle: target.handle, diamonds: 448 },
    });
    expect(await heldOf(target.held)).toBe(448n);
    const [row] = await env.db.sql<{ metadata: Record<string, unknown> }[]>`
      select metadata from ledger_transfers where id = ${result.transferId}`;
    expect(row?.metadata).toMatchObject({
      giftId: "crown",
      count: 3,
      message: "gg!",
      shareBps: 5_000,
    });
  });

  it("returns the first result and moves nothing more when the same key is retried", async () => {
    const viewer = await person();
    const target = await creator();
    await fund(viewer, 100n);
    const request = {
      idempotencyKey: randomUUID(),
      to: { handle: target.handle },
      giftId: "gg",
      count: 2,
    };
    const first = await callerFor(viewer).gifts.send(request);
    const again = await callerFor(viewer).gifts.send(request);
    expect(again).toMatchObject({
      transferId: first.transferId,
      replayed: true,
      coinsSpent: 20,
      balance: 80,
    });
    expect(await heldOf(target.held)).toBe(10n);
    await expect(callerFor(viewer).gifts.send({ ...request, count: 3 })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("keeps a 1-coin rose whole for the platform when the creator's share rounds to 0 diamonds", async () => {
    const viewer = await person();
    const target = await creator();
    await fund(viewer, 5n);
    const result = await callerFor(viewer).gifts.send({
      idempotencyKey: randomUUID(),
      to: { url: target.url },
      giftId: "rose",
      count: 1,
    });
    expect(result).toMatchObject({ coinsSpent: 1, balance: 4, creator: { diamonds: 0 } });
    expect(await heldOf(target.held)).toBe(0n);
  });

  it("carries the creator's fractional share: roses and hearts add up to floor(coins x 50%)", async () => {
    const viewer = await person();
    const other = await person();
    const target = await creator();
    await fund(viewer, 100n);
    await fund(other, 100n);
    const send = (who: Viewer, giftId: string) =>
      callerFor(who).gifts.send({
        idempotencyKey: randomUUID(),
        to: { url: target.url },
        giftId,
        count: 1,
      });
    const credited: number[] = [];
    for (const [who, giftId] of [
      [viewer, "rose"],
      [other, "rose"],
      [viewer, "heart"],
      [other, "heart"],
      [viewer, "rose"],
    ] as const) {
      credited.push((await send(who, giftId)).creator.diamonds);
    }
    // 1 + 1 + 5 + 5 + 1 = 13 coins at 50%: 6 diamonds, never 0 + 0 + 2 + 2 + 0 = 4.
    expect(credited).toEqual([0, 1, 2, 3, 0]);
    expect(await heldOf(target.held)).toBe(6n);
    const events = await env.db.sql<{ diamonds: string }[]>`
      select diamonds from stream_events
      where creator_user_id = ${target.user.userId} order by id`;
    expect(events.map((e) => Number(e.diamonds))).toEqual(credited);
  });

  it("stays within one diamond of floor(coins x 50%) when many roses race to one creator", async () => {
    const target = await creator();
    const viewers = await Promise.all(Array.from({ length: 12 }, () => person()));
    for (const viewer of viewers) await fund(viewer, 10n);
    const sends = viewers.flatMap((viewer) =>
      [1, 2, 3].map(() =>
        callerFor(viewer).gifts.send({
          idempotencyKey: randomUUID(),
          to: { handle: target.handle },
          giftId: "rose",
          count: 1,
        }),
      ),
    );
    const credited = (await Promise.all(sends)).reduce(
      (sum, sent) => sum + sent.creator.diamonds,
      0,
    );
    // 36 roses: floor(36 x 50%) = 18; two carry lanes may each hold back half a diamond.
    expect(credited).toBeGreaterThanOrEqual(17);
    expect(credited).toBeLessThanOrEqual(18);
    expect(await heldOf(target.held)).toBe(BigInt(credited));
    const [lanes] = await env.db.sql<{ coins: bigint }[]>`
      select sum(coins)::int8 as coins from creator_share_carries where creator_user_id = ${target.user.userId}`;
    expect(lanes?.coins).toBe(36n);
  });

  it("replays a carried gift with the diamonds it first credited", async () => {
    const viewer = await person();
    const target = await creator();
    await fund(viewer, 100n);
    const rose = { to: { url: target.url }, giftId: "rose", count: 1 };
    await callerFor(viewer).gifts.send({ idempotencyKey: randomUUID(), ...rose });
    const key = randomUUID();
    const second = await callerFor(viewer).gifts.send({ idempotencyKey: key, ...rose });
    const third = await callerFor(viewer).gifts.send({ idempotencyKey: randomUUID(), ...rose });
    const retried = await callerFor(viewer).gifts.send({ idempotencyKey: key, ...rose });
    expect([second.creator.diamonds, third.creator.diamonds]).toEqual([1, 0]);
    expect(retried).toMatchObject({ replayed: true, creator: { diamonds: 1 } });
    expect(await heldOf(target.held)).toBe(1n);
    expect(await coinsOf(viewer)).toBe(97);
  });

  it.each([
    [
      "insufficient coins",
      { coins: 10n, gift: { giftId: "lion", count: 1 } },
      "PRECONDITION_FAILED",
      "INSUFFICIENT_COINS",
    ],
    [
      "an unknown gift",
      { coins: 10n, gift: { giftId: "dragon", count: 1 } },
      "NOT_FOUND",
      "UNKNOWN_GIFT",
    ],
  ] as const)("refuses %s with %s and changes nothing", async (_label, setup, code, domainCode) => {
    const viewer = await person();
    const target = await creator();
    await fund(viewer, setup.coins);
    const before = await transferCount();
    const error = await callerFor(viewer)
      .gifts.send({ idempotencyKey: randomUUID(), to: { url: target.url }, ...setup.gift })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code, cause: { code: domainCode } });
    expect(await transferCount()).toBe(before);
    expect(await coinsOf(viewer)).toBe(Number(setup.coins));
  });

  it.each([0, 1000])("refuses a count of %i with BAD_REQUEST", async (count) => {
    const viewer = await person();
    const target = await creator();
    await expect(
      callerFor(viewer).gifts.send({
        idempotencyKey: randomUUID(),
        to: { url: target.url },
        giftId: "rose",
        count,
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("refuses a viewer under 18, a self-gift and a creator below 100 followers with FORBIDDEN", async () => {
    const minor = await person({ dateOfBirth: new Date(NOW.getTime() - 16 * 366 * 86_400_000) });
    const adult = await person();
    const small = await creator(99);
    const own = await creator(500, adult);
    await fund(minor, 100n);
    await fund(adult, 100n);
    const send = (who: Viewer, url: string) =>
      callerFor(who).gifts.send({
        idempotencyKey: randomUUID(),
        to: { url },
        giftId: "gg",
        count: 1,
      });
    await expect(send(minor, own.url)).rejects.toMatchObject({
      code: "FORBIDDEN",
      cause: { code: "NOT_ELIGIBLE" },
    });
    await expect(send(adult, own.url)).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "You cannot send gifts or tips to yourself.",
    });
    await expect(send(adult, small.url)).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/at least 100 followers/),
    });
    expect([await coinsOf(minor), await coinsOf(adult)]).toEqual([100, 100]);
  });

  it("refuses a stream no creator has linked with NOT_FOUND", async () => {
    const viewer = await person();
    await expect(
      callerFor(viewer).gifts.send({
        idempotencyKey: randomUUID(),
        to: { url: "https://kick.com/nobodyhere" },
        giftId: "gg",
        count: 1,
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", cause: { code: "UNKNOWN_CREATOR" } });
  });
});

describe("tips.send", () => {
  it("tips with a message and holds the creator's share when sent to a handle", async () => {
    const viewer = await person();
    const target = await creator();
    await fund(viewer, 2_000n);
    const result = await callerFor(viewer).tips.send({
      idempotencyKey: randomUUID(),
      to: { handle: `@${target.handle}` },
      coins: 1_001,
      message: "thanks for the stream",
    });
    expect(result).toMatchObject({ coinsSpent: 1_001, balance: 999, creator: { diamonds: 500 } });
    expect(await heldOf(target.held)).toBe(500n);
  });

  it("refuses a tip over the new-account daily cap with TOO_MANY_REQUESTS and changes nothing", async () => {
    const viewer = await person({ createdAt: new Date(NOW.getTime() - 3_600_000) });
    const target = await creator();
    await fund(viewer, 20_000n);
    const error = await callerFor(viewer)
      .tips.send({ idempotencyKey: randomUUID(), to: { url: target.url }, coins: 10_001 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "TOO_MANY_REQUESTS", cause: { code: "LIMIT_EXCEEDED" } });
    expect(await coinsOf(viewer)).toBe(20_000);
  });

  it("refuses a message with a line break with BAD_REQUEST", async () => {
    const viewer = await person();
    const target = await creator();
    await fund(viewer, 50n);
    await expect(
      callerFor(viewer).tips.send({
        idempotencyKey: randomUUID(),
        to: { url: target.url },
        coins: 5,
        message: "a\nb",
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await coinsOf(viewer)).toBe(50);
  });
});

describe("streams.resolve", () => {
  it("tells anyone whether a stream's creator can receive gifts, and why not", async () => {
    const ready = await creator(150);
    const small = await creator(12);
    const anonymous = callerFor(null);
    expect(
      await anonymous.streams.resolve({
        url: `https://m.twitch.tv/${ready.handle.toUpperCase()}?x=1`,
      }),
    ).toMatchObject({
      found: true,
      creator: { handle: ready.handle, canReceive: true, reasons: [] },
    });
    expect(await anonymous.streams.resolve({ handle: small.handle })).toMatchObject({
      found: true,
      creator: { canReceive: false, reasons: [{ code: "TOO_FEW_FOLLOWERS" }] },
    });
    expect(
      await anonymous.streams.resolve({ url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ" }),
    ).toMatchObject({ found: false });
  });

  it("honours a page's declared handle only when the page's origin is the creator's verified website", async () => {
    const owner = await creator(150);
    const other = await creator(150);
    const site = `site-${randomUUID().slice(0, 8)}.example:8443`;
    const addWebsite = (userId: string, verified: boolean) => env.db.sql`
      insert into creator_channels (creator_user_id, platform, channel, url, verified_at, verification_method)
      values (${userId}, 'web', ${site}, ${`https://${site}/`}, ${verified ? NOW : null}, 'meta_tag')`;
    await addWebsite(other.user.userId, false);
    await addWebsite(owner.user.userId, true);
    const anonymous = callerFor(null);
    const declared = (handle: string, origin: string) =>
      anonymous.streams.resolve({ handle, origin });

    expect(await declared(owner.handle, `https://${site.toUpperCase()}`)).toMatchObject({
      found: true,
      creator: { handle: owner.handle, canReceive: true },
    });
    // Another site, the same host on another port, a creator with only a pending claim, junk.
    for (const [handle, origin] of [
      [owner.handle, "https://evil.example"],
      [owner.handle, `https://${site.replace(":8443", ":8444")}`],
      [other.handle, `https://${site}`],
      [owner.handle, "javascript:alert(1)"],
    ] as const) {
      expect(await declared(handle, origin), `${handle} on ${origin}`).toMatchObject({
        found: false,
      });
    }
    expect(await declared(owner.handle, "https://evil.example")).toMatchObject({
      reason: `This site is not a verified website of @${owner.handle}, so gifts are not offered here.`,
    });
    // Without an origin (the dashboard, the popup): the handle alone, as before.
    expect(await anonymous.streams.resolve({ handle: owner.handle })).toMatchObject({
      found: true,
    });
  });

  it("refuses a gift to a declared handle from a page that is not the creator's verified website", async () => {
    const viewer = await person();
    const target = await creator();
    await fund(viewer, 100n);
    const before = await transferCount();
    await expect(
      callerFor(viewer).gifts.send({
        idempotencyKey: randomUUID(),
        to: { handle: target.handle, origin: "https://not-theirs.example" },
        giftId: "heart",
        count: 1,
        message: null,
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await transferCount()).toBe(before);
    expect(await coinsOf(viewer)).toBe(100);
  });
});

describe("gifts.preview", () => {
  it("shows the share of the creator it names, matching what the gift then pays", async () => {
    const viewer = await person();
    const partner = await creator();
    await env.db.sql`update creators set tier = 'partner' where user_id = ${partner.user.userId}`;
    await fund(viewer, 1_000n);
    const anonymous = callerFor(null);
    const forPartner = await anonymous.gifts.preview({
      giftId: "crown",
      count: 3,
      to: { handle: partner.handle },
    });
    expect([forPartner.shareBps, forPartner.diamonds]).toEqual([6_000, 538]);
    expect((await anonymous.gifts.preview({ giftId: "crown", count: 3 })).diamonds).toBe(448);

    const sent = await callerFor(viewer).gifts.send({
      idempotencyKey: randomUUID(),
      to: { handle: partner.handle },
      giftId: "crown",
      count: 3,
    });
    expect(sent.creator.diamonds).toBe(forPartner.diamonds);
  });

  it("says what this gift credits the creator, counting the share carried from earlier gifts", async () => {
    const viewer = await person();
    const target = await creator();
    await fund(viewer, 10n);
    const anonymous = callerFor(null);
    const rose = { giftId: "rose", count: 1, to: { handle: target.handle } };
    expect(await anonymous.gifts.preview(rose)).toMatchObject({
      diamonds: 0,
      exactDiamonds: "0.5",
    });
    await callerFor(viewer).gifts.send({ idempotencyKey: randomUUID(), ...rose });
    const next = await anonymous.gifts.preview(rose);
    expect(next).toMatchObject({ diamonds: 1, exactDiamonds: "0.5" });
    const sent = await callerFor(viewer).gifts.send({ idempotencyKey: randomUUID(), ...rose });
    expect(sent.creator.diamonds).toBe(next.diamonds);
  });

  it("refuses a creator nobody registered with UNKNOWN_CREATOR", async () => {
    await expect(
      callerFor(null).gifts.preview({ giftId: "rose", count: 1, to: { handle: "nobody-here" } }),
    ).rejects.toMatchObject({ cause: { code: "UNKNOWN_CREATOR" } });
  });
});
