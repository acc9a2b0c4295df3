import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createCreator, createPerson, fundWallet } from "../../test-support/people.ts";
import { useTestLedger } from "../../test-support/test-ledger.ts";
import type { Viewer } from "../service-context.ts";

const env = useTestLedger();
const callerFor = (who: Viewer | null) => env.callerFor(who);
const MINUTE = 60_000;

describe("streams.boost", () => {
  it("charges 100 coins a minute, stacks boosts end to end, and is safe to retry", async () => {
    const viewer = await createPerson(env.db.sql);
    const target = await createCreator(env.db.sql);
    await fundWallet(env.db.sql, env.ledger, viewer, 5_000n);
    await callerFor(target.user).sessions.start();
    const key = randomUUID();
    const first = await callerFor(viewer).streams.boost({
      idempotencyKey: key,
      to: { url: target.url },
      minutes: 10,
    });
    expect(first).toMatchObject({ coinsSpent: 1_000, replayed: false });
    const firstEnds = new Date(first.boostEndsAt ?? 0).getTime();
    expect(firstEnds - Date.now()).toBeGreaterThan(9.9 * MINUTE);

    const again = await callerFor(viewer).streams.boost({
      idempotencyKey: key,
      to: { url: target.url },
      minutes: 10,
    });
    expect(again).toMatchObject({ replayed: true, boostEndsAt: first.boostEndsAt });
    const second = await callerFor(viewer).streams.boost({
      idempotencyKey: randomUUID(),
      to: { handle: target.handle },
      minutes: 15,
    });
    expect(new Date(second.boostEndsAt ?? 0).getTime() - firstEnds).toBe(15 * MINUTE);
    expect((await callerFor(viewer).wallet.get()).coins).toBe(5_000 - 2_500);
  });

  it("refuses a boost past the 240-minute maximum before any coin moves", async () => {
    const viewer = await createPerson(env.db.sql);
    const target = await createCreator(env.db.sql);
    await fundWallet(env.db.sql, env.ledger, viewer, 50_000n);
    await callerFor(target.user).sessions.start();
    await callerFor(viewer).streams.boost({
      idempotencyKey: randomUUID(),
      to: { url: target.url },
      minutes: 200,
    });
    await expect(
      callerFor(viewer).streams.boost({
        idempotencyKey: randomUUID(),
        to: { url: target.url },
        minutes: 60,
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { code: "INVALID_INPUT" } });
    expect((await callerFor(viewer).wallet.get()).coins).toBe(50_000 - 20_000);
  });

  it("refuses to boost an offline stream with STREAM_OFFLINE unless confirmOffline says so", async () => {
    const viewer = await createPerson(env.db.sql);
    const target = await createCreator(env.db.sql);
    await fundWallet(env.db.sql, env.ledger, viewer, 5_000n);
    const key = randomUUID();
    const boost = (confirmOffline?: boolean) =>
      callerFor(viewer).streams.boost({
        idempotencyKey: key,
        to: { handle: target.handle },
        minutes: 5,
        ...(confirmOffline === undefined ? {} : { confirmOffline }),
      });
    await expect(boost()).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringContaining(`@${target.handle} is offline`),
      cause: { code: "STREAM_OFFLINE" },
    });
    await expect(boost(false)).rejects.toMatchObject({ cause: { code: "STREAM_OFFLINE" } });
    expect((await callerFor(viewer).wallet.get()).coins).toBe(5_000);
    expect(await boost(true)).toMatchObject({ coinsSpent: 500, replayed: false });
    // A retry of a boost already paid replays it, confirmation or not.
    expect(await boost()).toMatchObject({ coinsSpent: 500, replayed: true });
    expect((await callerFor(viewer).wallet.get()).coins).toBe(4_500);
  });

  it("boosts a live stream without any offline confirmation", async () => {
    const viewer = await createPerson(env.db.sql);
    const target = await createCreator(env.db.sql);
    await fundWallet(env.db.sql, env.ledger, viewer, 5_000n);
    await callerFor(target.user).sessions.start();
    const boosted = await callerFor(viewer).streams.boost({
      idempotencyKey: randomUUID(),
      to: { handle: target.handle },
      minutes: 5,
    });
    expect(boosted).toMatchObject({ coinsSpent: 500, replayed: false });
  });

  it("ranks a boosted stream above one with a little gifting in streams.live", async () => {
    const viewer = await createPerson(env.db.sql);
    const [boosted, gifted] = [await createCreator(env.db.sql), await createCreator(env.db.sql)];
    await fundWallet(env.db.sql, env.ledger, viewer, 2_000n);
    await callerFor(boosted.user).sessions.start();
    await callerFor(gifted.user).sessions.start();
    await callerFor(viewer).tips.send({
      idempotencyKey: randomUUID(),
      to: { url: gifted.url },
      coins: 50,
    });
    await callerFor(viewer).streams.boost({
      idempotencyKey: randomUUID(),
      to: { url: boosted.url },
      minutes: 5,
    });
    const live = await callerFor(null).streams.live();
    const handles = live.map((s) => s.handle);
    expect(handles.indexOf(boosted.handle)).toBeLessThan(handles.indexOf(gifted.handle));
    expect(live.find((s) => s.handle === boosted.handle)).toMatchObject({ boosted: true });
    expect(live.find((s) => s.handle === gifted.handle)).toMatchObject({ boosted: false });
  });
});
