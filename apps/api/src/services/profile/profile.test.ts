import { randomUUID } from "node:crypto";
import { accountId, PLATFORM_OWNER } from "@coinstream/db";
import { describe, expect, it } from "vitest";
import { type StreamEventRow, toStreamEvent } from "../../realtime/stream-event.ts";
import { createCreator, createFundedPerson } from "../../test-support/people.ts";
import { useTestLedger } from "../../test-support/test-ledger.ts";
import type { Viewer } from "../service-context.ts";

const env = useTestLedger();
const callerFor = (who: Viewer | null) => env.callerFor(who);

const fundedViewer = (coins: bigint) => createFundedPerson(env.db.sql, env.ledger, coins);

/** What a refused call may not have changed: coins, ledger rows and owned items. */
async function snapshot(who: Viewer) {
  const wallet = accountId({ ownerId: who.userId, purpose: "viewer_wallet" });
  const [row] = await env.db.sql<{ transfers: bigint; owned: bigint }[]>`
    select (select count(*) from ledger_transfers where debit_account_id = ${wallet})::int8 as transfers,
      (select count(*) from viewer_cosmetics where user_id = ${who.userId})::int8 as owned`;
  return { coins: (await callerFor(who).wallet.get()).coins, ...row };
}

const buy = (who: Viewer, itemId: string, expectedCoins: number, idempotencyKey = randomUUID()) =>
  callerFor(who).profile.buy({ idempotencyKey, itemId, expectedCoins });

describe("profile.catalog", () => {
  it("lists badge frames and name colours with their prices to anyone", async () => {
    const catalog = await callerFor(null).profile.catalog();
    expect(catalog.items).toContainEqual({
      id: "color-aqua",
      kind: "name_color",
      name: "Aqua name",
      coins: 300,
      style: "#2ec4d6",
    });
    expect(catalog.items.filter((item) => item.kind === "badge_frame").length).toBeGreaterThan(0);
  });
});

describe("profile.buy", () => {
  it("charges the price to platform revenue once, however often the same request is sent", async () => {
    const viewer = await fundedViewer(1_000n);
    const key = randomUUID();
    const first = await buy(viewer, "frame-silver", 500, key);
    expect(first).toMatchObject({ itemId: "frame-silver", coinsSpent: 500, balance: 500 });
    expect(await buy(viewer, "frame-silver", 500, key)).toMatchObject({
      transferId: first.transferId,
      replayed: true,
      balance: 500,
    });

    const rows = await env.db.sql<{ code: string; amount: bigint; credit: string }[]>`
      select code, amount, credit_account_id as credit from ledger_transfers
      where debit_account_id = ${accountId({ ownerId: viewer.userId, purpose: "viewer_wallet" })}`;
    expect(rows).toEqual([
      {
        code: "cosmetic",
        amount: 500n,
        credit: accountId({ ownerId: PLATFORM_OWNER, purpose: "platform_coin_revenue" }),
      },
    ]);
    expect((await callerFor(viewer).profile.get()).owned).toMatchObject([
      { itemId: "frame-silver", kind: "badge_frame", coinsPaid: 500 },
    ]);
    expect((await callerFor(viewer).wallet.get()).coins).toBe(500);
  });

  it("refuses an item already owned before any coin moves", async () => {
    const viewer = await fundedViewer(1_000n);
    await buy(viewer, "color-rose", 300);
    const before = await snapshot(viewer);
    await expect(buy(viewer, "color-rose", 300)).rejects.toMatchObject({
      code: "FORBIDDEN",
      cause: { code: "FORBIDDEN_CHANGE" },
      message: expect.stringMatching(/already own/),
    });
    expect(await snapshot(viewer)).toEqual(before);
  });

  it.each([
    ["too few coins", "frame-neon", 5_000, "PRECONDITION_FAILED", "INSUFFICIENT_COINS"],
    ["an item the shop does not sell", "frame-diamond", 100, "NOT_FOUND", "NOT_FOUND"],
    ["a price that is not the current one", "frame-gold", 1_500, "CONFLICT", "CONFLICT"],
  ])("refuses %s and changes nothing", async (_label, itemId, expectedCoins, code, domainCode) => {
    const viewer = await fundedViewer(1_000n);
    const before = await snapshot(viewer);
    await expect(buy(viewer, itemId, expectedCoins)).rejects.toMatchObject({
      code,
      cause: { code: domainCode },
    });
    expect(await snapshot(viewer)).toEqual(before);
  });

  it("asks for confirmation at the person's own threshold, like every spend", async () => {
    const viewer = await fundedViewer(1_000n);
    await callerFor(viewer).limits.set({ confirmFromCoins: 300 });
    await expect(buy(viewer, "color-aqua", 300)).rejects.toMatchObject({
      cause: { code: "CONFIRMATION_REQUIRED" },
    });
    await callerFor(viewer).profile.buy({
      idempotencyKey: randomUUID(),
      itemId: "color-aqua",
      expectedCoins: 300,
      confirm: true,
    });
    expect((await callerFor(viewer).wallet.get()).coins).toBe(700);
  });
});

describe("profile.wear", () => {
  it("refuses an item not owned or in the wrong slot and stores nothing", async () => {
    const viewer = await fundedViewer(1_000n);
    await buy(viewer, "color-aqua", 300);
    await expect(callerFor(viewer).profile.wear({ nameColor: "color-gold" })).rejects.toMatchObject(
      {
        cause: { code: "FORBIDDEN_CHANGE" },
      },
    );
    await expect(
      callerFor(viewer).profile.wear({ badgeFrame: "color-aqua" }),
    ).rejects.toMatchObject({ cause: { code: "INVALID_INPUT" } });
    const [stored] = await env.db
      .sql`select 1 from viewer_profiles where user_id = ${viewer.userId}`;
    expect(stored).toBeUndefined();
  });

  it("shows the worn colour and frame next to the viewer's later gifts, until taken off", async () => {
    const viewer = await fundedViewer(2_000n);
    const target = await createCreator(env.db.sql);
    await buy(viewer, "color-aqua", 300);
    await buy(viewer, "frame-silver", 500);
    const profile = await callerFor(viewer).profile.wear({
      badgeFrame: "frame-silver",
      nameColor: "color-aqua",
    });
    expect(profile).toMatchObject({
      wearing: { badgeFrame: "frame-silver", nameColor: "color-aqua" },
      viewerStyle: { badgeFrame: "silver", nameColor: "#2ec4d6" },
    });

    const eventOf = async () => {
      const sent = await callerFor(viewer).gifts.send({
        idempotencyKey: randomUUID(),
        to: { url: target.url },
        giftId: "heart",
        count: 1,
      });
      const [row] = await env.db.sql<StreamEventRow[]>`
        select id, kind, payload from stream_events where transfer_id = ${sent.transferId}`;
      return toStreamEvent(row as StreamEventRow);
    };
    expect((await eventOf()).viewerStyle).toEqual({ badgeFrame: "silver", nameColor: "#2ec4d6" });

    await callerFor(viewer).profile.wear({ nameColor: null });
    expect((await eventOf()).viewerStyle).toEqual({ badgeFrame: "silver", nameColor: null });
    expect((await callerFor(viewer).profile.get()).wearing).toEqual({
      badgeFrame: "frame-silver",
      nameColor: null,
      entrance: null,
    });
  });
});
