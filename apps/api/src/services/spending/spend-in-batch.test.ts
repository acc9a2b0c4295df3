import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createCreator, createPerson, fundWallet } from "../../test-support/people.ts";
import { useTestLedger } from "../../test-support/test-ledger.ts";
import type { Viewer } from "../service-context.ts";

const env = useTestLedger();
const callerFor = (who: Viewer) => env.callerFor(who);
const coinsOf = async (who: Viewer) => (await callerFor(who).wallet.get()).coins;
const count = async (query: Promise<{ n: bigint }[]>) => Number((await query)[0]?.n ?? -1n);

async function setup(dailyCoins?: number) {
  const viewer = await createPerson(env.db.sql);
  const target = await createCreator(env.db.sql);
  await fundWallet(env.db.sql, env.ledger, viewer, 10_000n);
  await callerFor(target.user).sessions.start();
  if (dailyCoins !== undefined) await callerFor(viewer).limits.set({ dailyCoins });
  return { viewer, target, me: callerFor(viewer), to: { handle: target.handle } };
}

const settle = <T>(work: Promise<T>) =>
  work.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

describe("spends decided in the ledger's batch", () => {
  it("never lets 50 concurrent gifts of one viewer pass their daily cap together", async () => {
    const { viewer, me, to } = await setup(200);
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, () =>
        settle(me.gifts.send({ idempotencyKey: randomUUID(), to, giftId: "gg", count: 1 })),
      ),
    );
    const accepted = outcomes.filter((outcome) => outcome.ok);
    // 10 coins each under a 200-coin day: exactly 20 fit, whatever batches they shared.
    expect(accepted).toHaveLength(20);
    for (const outcome of outcomes) {
      if (!outcome.ok) expect(outcome.error).toMatchObject({ cause: { code: "LIMIT_EXCEEDED" } });
    }
    expect(await coinsOf(viewer)).toBe(10_000 - 200);
    const events = await count(env.db.sql<{ n: bigint }[]>`
      select count(*)::int8 as n from stream_events where viewer_user_id = ${viewer.userId}`);
    expect(events).toBe(20);
  });

  it("lets only one of a gift and a boost racing for the last of a daily cap through", async () => {
    // A 5-minute boost costs 500 coins and the gift 10: together they pass 505.
    const { viewer, me, to } = await setup(505);
    const [gift, boost] = await Promise.all([
      settle(me.gifts.send({ idempotencyKey: randomUUID(), to, giftId: "gg", count: 1 })),
      settle(me.streams.boost({ idempotencyKey: randomUUID(), to, minutes: 5 })),
    ]);
    expect([gift.ok, boost.ok].filter(Boolean)).toHaveLength(1);
    const refused = gift.ok ? boost : gift;
    expect(refused).toMatchObject({ error: { cause: { code: "LIMIT_EXCEEDED" } } });
    expect(await coinsOf(viewer)).toBe(10_000 - (gift.ok ? 10 : 500));
    const boosts = await count(env.db.sql<{ n: bigint }[]>`
      select count(*)::int8 as n from stream_boosts where buyer_user_id = ${viewer.userId}`);
    expect(boosts).toBe(boost.ok ? 1 : 0);
  });

  it("answers every concurrent retry of one key with the first gift, charging once", async () => {
    const { viewer, me, to } = await setup();
    const request = { idempotencyKey: randomUUID(), to, giftId: "gg", count: 1 };
    const sent = await Promise.all(Array.from({ length: 5 }, () => me.gifts.send(request)));
    expect(new Set(sent.map((gift) => gift.transferId)).size).toBe(1);
    expect(sent.filter((gift) => !gift.replayed)).toHaveLength(1);
    expect(new Set(sent.map((gift) => gift.creator.diamonds)).size).toBe(1);
    expect(await coinsOf(viewer)).toBe(10_000 - 10);
    const later = await me.gifts.send(request);
    expect(later).toMatchObject({ transferId: sent[0]?.transferId, replayed: true });
    const events = await count(env.db.sql<{ n: bigint }[]>`
      select count(*)::int8 as n from stream_events where transfer_id = ${later.transferId}`);
    expect(events).toBe(1);
  });

  it("writes no transfer when the gift's stream event cannot be stored", async () => {
    const { viewer, me, to } = await setup();
    // The event insert fails for this one message: its transaction must take the coins back too.
    await env.db.sql.unsafe(`
      create function refuse_event() returns trigger language plpgsql as $$
      begin
        if new.payload->>'message' = 'refuse me' then raise exception 'event refused'; end if;
        return new;
      end $$;
      create trigger refuse_event before insert on stream_events
        for each row execute function refuse_event();`);
    try {
      const key = randomUUID();
      const error = await me.gifts
        .send({ idempotencyKey: key, to, giftId: "gg", count: 1, message: "refuse me" })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      const transfers = await count(env.db.sql<{ n: bigint }[]>`
        select count(*)::int8 as n from ledger_transfers
        where metadata->>'message' = 'refuse me'`);
      expect(transfers).toBe(0);
      expect(await coinsOf(viewer)).toBe(10_000);
    } finally {
      await env.db.sql.unsafe(
        "drop trigger refuse_event on stream_events; drop function refuse_event();",
      );
    }
    // The key was never spent, so it still works once the event can be stored.
    expect(
      await me.gifts.send({ idempotencyKey: randomUUID(), to, giftId: "gg", count: 1 }),
    ).toMatchObject({ coinsSpent: 10 });
  });
});
