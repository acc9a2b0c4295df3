import { randomUUID } from "node:crypto";
import { accountId, createLedger, type Ledger, PLATFORM_OWNER } from "@coinstream/db";
import { describe, expect, it, vi } from "vitest";
import { type StreamEventRow, toStreamEvent } from "../../realtime/stream-event.ts";
import { createCreator, createFundedPerson } from "../../test-support/people.ts";
import { useTestLedger } from "../../test-support/test-ledger.ts";
import type { Viewer } from "../service-context.ts";

const env = useTestLedger();
const callerFor = (who: Viewer | null) => env.callerFor(who);

const fundedViewer = (coins: bigint) => createFundedPerson(env.db.sql, env.ledger, coins);

const buy = (who: Viewer, itemId: string, expectedCoins: number) =>
  callerFor(who).profile.buy({ idempotencyKey: randomUUID(), itemId, expectedCoins });

const walletOf = (who: Viewer) => accountId({ ownerId: who.userId, purpose: "viewer_wallet" });

/** What a refused tip may not have changed: coins, ledger rows and stream events. */
async function snapshot(who: Viewer) {
  const [row] = await env.db.sql<{ transfers: bigint; events: bigint }[]>`
    select (select count(*) from ledger_transfers where debit_account_id = ${walletOf(who)})::int8 as transfers,
      (select count(*) from stream_events where viewer_user_id = ${who.userId})::int8 as events`;
  return { coins: (await callerFor(who).wallet.get()).coins, ...row };
}

async function eventsOf(creatorUserId: string, viewer: Viewer) {
  const rows = await env.db.sql<StreamEventRow[]>`
    select id, kind, payload from stream_events
    where creator_user_id = ${creatorUserId} and viewer_user_id = ${viewer.userId} order by id`;
  return rows.map(toStreamEvent);
}

const gift = (who: Viewer, handle: string) =>
  callerFor(who).gifts.send({
    idempotencyKey: randomUUID(),
    to: { handle },
    giftId: "rose",
    count: 1,
  });

describe("profile.catalog (entrances and stickers)", () => {
  it("sells entrance effects and stickers at whole-coin prices", async () => {
    const { items, rateCardVersion } = await callerFor(null).profile.catalog();
    expect(rateCardVersion).toBe("2026-12-01");
    expect(items).toContainEqual({
      id: "entrance-sparkle",
      kind: "entrance",
      name: "Sparkle entrance",
      coins: 800,
      style: "sparkle",
    });
    expect(items).toContainEqual({
      id: "sticker-fire",
      kind: "sticker",
      name: "Fire sticker",
      coins: 100,
      style: "🔥",
    });
    for (const item of items) expect(Number.isSafeInteger(item.coins) && item.coins > 0).toBe(true);
  });
});

describe("profile.buy and profile.wear (entrances and stickers)", () => {
  it("charges each once to platform revenue and wears an entrance but never a sticker", async () => {
    const viewer = await fundedViewer(2_000n);
    await buy(viewer, "entrance-sparkle", 800);
    await buy(viewer, "sticker-fire", 100);
    expect((await callerFor(viewer).wallet.get()).coins).toBe(1_100);
    const rows = await env.db.sql<
      { code: string; amount: bigint; credit: string; item: string; kind: string }[]
    >`
      select code, amount, credit_account_id as credit, metadata->>'itemId' as item,
        metadata->>'kind' as kind
      from ledger_transfers where debit_account_id = ${walletOf(viewer)} order by seq`;
    const revenue = accountId({ ownerId: PLATFORM_OWNER, purpose: "platform_coin_revenue" });
    expect(rows).toEqual([
      {
        code: "cosmetic",
        amount: 800n,
        credit: revenue,
        item: "entrance-sparkle",
        kind: "entrance",
      },
      { code: "cosmetic", amount: 100n, credit: revenue, item: "sticker-fire", kind: "sticker" },
    ]);

    const worn = await callerFor(viewer).profile.wear({ entrance: "entrance-sparkle" });
    expect(worn.wearing).toEqual({
      badgeFrame: null,
      nameColor: null,
      entrance: "entrance-sparkle",
    });
    await expect(
      callerFor(viewer).profile.wear({ entrance: "sticker-fire" }),
    ).rejects.toMatchObject({ cause: { code: "INVALID_INPUT" } });
    await expect(
      callerFor(viewer).profile.wear({ entrance: "entrance-confetti" }),
    ).rejects.toMatchObject({ cause: { code: "FORBIDDEN_CHANGE" } });
    expect((await callerFor(viewer).profile.get()).wearing.entrance).toBe("entrance-sparkle");
    await callerFor(viewer).profile.wear({ entrance: null });
    expect((await callerFor(viewer).profile.get()).wearing.entrance).toBeNull();
  });
});

describe("entrance effects on gifts", () => {
  it("plays once per live session, on the first of concurrent first gifts, and again next session", async () => {
    const creator = await createCreator(env.db.sql);
    const viewer = await fundedViewer(2_000n);
    await buy(viewer, "entrance-confetti", 1_500);
    await callerFor(viewer).profile.wear({ entrance: "entrance-confetti" });

    await gift(viewer, creator.handle); // not live: no session, no entrance
    await callerFor(creator.user).sessions.start();
    await Promise.all(Array.from({ length: 8 }, () => gift(viewer, creator.handle)));
    await gift(viewer, creator.handle);
    await callerFor(creator.user).sessions.end();
    await callerFor(creator.user).sessions.start();
    await gift(viewer, creator.handle);
    await gift(viewer, creator.handle);

    const entrances = (await eventsOf(creator.user.userId, viewer)).map((e) => e.entrance);
    expect(entrances).toEqual([
      undefined,
      "confetti",
      ...Array(8).fill(undefined),
      "confetti",
      undefined,
    ]);
  });

  it("plays on the first only when two first gifts share one batch", async () => {
    // One writer, kept busy by a gift whose wallet row this test holds locked: the two gifts
    // sent meanwhile queue and are committed together, in one batch.
    const ledger = createLedger(env.ledgerSql, { writers: 1 });
    let submitted = 0;
    const counting: Ledger = Object.assign(Object.create(ledger), {
      spend: (request: Parameters<Ledger["spend"]>[0]) => {
        submitted += 1;
        return ledger.spend(request);
      },
    });
    const callerOn = (who: Viewer) => env.callerFor(who, { ledger: counting });
    const untilSubmitted = (count: number) =>
      vi.waitFor(() => expect(submitted).toBeGreaterThanOrEqual(count), {
        timeout: 10_000,
        interval: 5,
      });
    const sendRose = (who: Viewer, handle: string) =>
      callerOn(who).gifts.send({
        idempotencyKey: randomUUID(),
        to: { handle },
        giftId: "rose",
        count: 1,
      });

    const creator = await createCreator(env.db.sql);
    await callerFor(creator.user).sessions.start();
    const viewer = await fundedViewer(1_000n);
    await buy(viewer, "entrance-sparkle", 800);
    await callerFor(viewer).profile.wear({ entrance: "entrance-sparkle" });
    const blocker = await fundedViewer(100n);

    const lock = await env.db.sql.reserve();
    let sent: Promise<unknown>[];
    try {
      await lock`begin`;
      await lock`select 1 from ledger_accounts where id = ${walletOf(blocker)} for update`;
      const blocked = sendRose(blocker, creator.handle);
      await untilSubmitted(1);
      sent = [blocked, sendRose(viewer, creator.handle), sendRose(viewer, creator.handle)];
      await untilSubmitted(3);
    } finally {
      await lock`rollback`;
      lock.release();
    }
    await Promise.all(sent);

    const rows = await env.db.sql<{ tx: string; entrance: string | null }[]>`
      select tx::text as tx, payload->>'entrance' as entrance from stream_events
      where viewer_user_id = ${viewer.userId} order by id`;
    expect(new Set(rows.map((row) => row.tx)).size).toBe(1);
    expect(rows.map((row) => row.entrance)).toEqual(["sparkle", null]);
  });

  it("plays for each viewer's own first gift, and not for a viewer who wears none", async () => {
    const creator = await createCreator(env.db.sql);
    await callerFor(creator.user).sessions.start();
    const wearers = await Promise.all([fundedViewer(1_000n), fundedViewer(1_000n)]);
    for (const wearer of wearers) {
      await buy(wearer, "entrance-sparkle", 800);
      await callerFor(wearer).profile.wear({ entrance: "entrance-sparkle" });
    }
    const plain = await fundedViewer(100n);
    await Promise.all(
      [...wearers, plain, ...wearers, plain].map((who) => gift(who, creator.handle)),
    );
    for (const wearer of wearers) {
      expect((await eventsOf(creator.user.userId, wearer)).map((e) => e.entrance)).toEqual([
        "sparkle",
        undefined,
      ]);
    }
    expect((await eventsOf(creator.user.userId, plain)).map((e) => e.entrance)).toEqual([
      undefined,
      undefined,
    ]);
  });

  it("never plays on a tip, even the viewer's first event of the session", async () => {
    const creator = await createCreator(env.db.sql);
    await callerFor(creator.user).sessions.start();
    const viewer = await fundedViewer(1_000n);
    await buy(viewer, "entrance-sparkle", 800);
    await callerFor(viewer).profile.wear({ entrance: "entrance-sparkle" });
    await callerFor(viewer).tips.send({
      idempotencyKey: randomUUID(),
      to: { handle: creator.handle },
      coins: 10,
    });
    await gift(viewer, creator.handle);
    const events = await eventsOf(creator.user.userId, viewer);
    expect(events.map((e) => [e.kind, e.entrance])).toEqual([
      ["tip", undefined],
      ["gift", "sparkle"],
    ]);
  });
});

describe("tips.send with a sticker", () => {
  it("carries an owned sticker to the stream event and the transfer", async () => {
    const creator = await createCreator(env.db.sql);
    const viewer = await fundedViewer(1_000n);
    await buy(viewer, "sticker-trophy", 400);
    const sent = await callerFor(viewer).tips.send({
      idempotencyKey: randomUUID(),
      to: { handle: creator.handle },
      coins: 50,
      message: "GG",
      stickerId: "sticker-trophy",
    });
    expect(sent).toMatchObject({ coinsSpent: 50, balance: 550 });
    const [event] = await eventsOf(creator.user.userId, viewer);
    expect(event).toMatchObject({
      kind: "tip",
      message: "GG",
      sticker: { id: "sticker-trophy", text: "🏆" },
    });
    const [leg] = await env.db.sql<{ sticker: string }[]>`
      select metadata->>'stickerId' as sticker from ledger_transfers where id = ${sent.transferId}`;
    expect(leg?.sticker).toBe("sticker-trophy");
  });

  it.each([
    [
      "a sticker not owned",
      "sticker-clap",
      "FORBIDDEN",
      "FORBIDDEN_CHANGE",
      /don't own the Clap sticker/,
    ],
    ["an item that is no sticker", "frame-gold", "BAD_REQUEST", "INVALID_INPUT", /not a sticker/],
    ["an unknown sticker", "sticker-nope", "NOT_FOUND", "NOT_FOUND", /no item/],
  ])("refuses %s and moves no coin", async (_label, stickerId, code, domainCode, message) => {
    const creator = await createCreator(env.db.sql);
    const viewer = await fundedViewer(1_000n);
    await buy(viewer, "sticker-fire", 100);
    const before = await snapshot(viewer);
    await expect(
      callerFor(viewer).tips.send({
        idempotencyKey: randomUUID(),
        to: { handle: creator.handle },
        coins: 50,
        stickerId,
      }),
    ).rejects.toMatchObject({
      code,
      cause: { code: domainCode },
      message: expect.stringMatching(message),
    });
    expect(await snapshot(viewer)).toEqual(before);
  });

  it("refuses a sticker not owned even when the wallet is short too, and then with enough", async () => {
    const creator = await createCreator(env.db.sql);
    const viewer = await fundedViewer(10n);
    const send = (coins: number) =>
      callerFor(viewer).tips.send({
        idempotencyKey: randomUUID(),
        to: { handle: creator.handle },
        coins,
        stickerId: "sticker-fire",
      });
    await expect(send(50)).rejects.toMatchObject({ cause: { code: "FORBIDDEN_CHANGE" } });
    await expect(send(5)).rejects.toMatchObject({ cause: { code: "FORBIDDEN_CHANGE" } });
    expect((await callerFor(viewer).wallet.get()).coins).toBe(10);
  });
});
