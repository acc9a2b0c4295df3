import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Viewer } from "../services/service-context.ts";
import { createCreator, createPerson, fundWallet } from "../test-support/people.ts";
import { useTestLedger } from "../test-support/test-ledger.ts";

const env = useTestLedger();

const callerFor = (who: Viewer) => env.callerFor(who);
const coinsOf = async (who: Viewer) => (await callerFor(who).wallet.get()).coins;

async function fundedViewerAndCreator(coins = 10_000n) {
  const viewer = await createPerson(env.db.sql);
  const target = await createCreator(env.db.sql);
  await fundWallet(env.db.sql, env.ledger, viewer, coins);
  const tip = (amount: number, confirm = false) =>
    callerFor(viewer).tips.send({
      idempotencyKey: randomUUID(),
      to: { url: target.url },
      coins: amount,
      confirm,
    });
  return { viewer, tip };
}

describe("limits", () => {
  it("applies a lowered daily cap at once and refuses the spend over it with TOO_MANY_REQUESTS", async () => {
    const { viewer, tip } = await fundedViewerAndCreator();
    const set = await callerFor(viewer).limits.set({ dailyCoins: 300 });
    expect(set.viewer?.dailyCoins).toBe(300);
    expect(set.scheduled).toEqual([]);
    await tip(200);
    await expect(tip(101)).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      cause: { details: { reason: "DAILY_CAP", setBy: "viewer" } },
    });
    expect(await coinsOf(viewer)).toBe(9_800);
  });

  it("schedules a raised cap for 24 hours later instead of applying it", async () => {
    const { viewer, tip } = await fundedViewerAndCreator();
    await callerFor(viewer).limits.set({ dailyCoins: 100 });
    const raised = await callerFor(viewer).limits.set({ dailyCoins: 5_000 });
    expect(raised.viewer?.dailyCoins).toBe(100);
    expect(raised.scheduled).toMatchObject([{ field: "dailyCoins", coins: 5_000 }]);
    const wait = new Date(raised.scheduled[0]?.effectiveAt ?? 0).getTime() - Date.now();
    expect(wait).toBeGreaterThan(23.9 * 3_600_000);
    await expect(tip(101)).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    expect((await callerFor(viewer).limits.get()).pending).toHaveLength(1);
  });

  it("refuses to shorten a cooling-off lock and refuses every spend while it runs", async () => {
    const { viewer, tip } = await fundedViewerAndCreator();
    const until = new Date(Date.now() + 3 * 86_400_000).toISOString();
    await callerFor(viewer).limits.set({ coolingOffUntil: until });
    await expect(callerFor(viewer).limits.set({ coolingOffUntil: null })).rejects.toMatchObject({
      code: "FORBIDDEN",
      cause: { code: "FORBIDDEN_CHANGE" },
    });
    await expect(tip(1)).rejects.toMatchObject({ cause: { details: { reason: "COOLING_OFF" } } });
    expect((await callerFor(viewer).limits.get()).viewer?.coolingOffUntil).toBe(until);
  });

  it("asks for confirmation at the threshold and sends once confirmed", async () => {
    const { viewer, tip } = await fundedViewerAndCreator();
    await callerFor(viewer).limits.set({ confirmFromCoins: 500 });
    await tip(499);
    await expect(tip(500)).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      cause: { code: "CONFIRMATION_REQUIRED" },
    });
    expect((await tip(500, true)).coinsSpent).toBe(500);
    expect(await coinsOf(viewer)).toBe(10_000 - 999);
  });

  it("refuses a negative or fractional cap with BAD_REQUEST and keeps the old one", async () => {
    const viewer = await createPerson(env.db.sql);
    await callerFor(viewer).limits.set({ weeklyCoins: 700 });
    await expect(callerFor(viewer).limits.set({ weeklyCoins: -1 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(callerFor(viewer).limits.set({ weeklyCoins: 1.5 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect((await callerFor(viewer).limits.get()).viewer?.weeklyCoins).toBe(700);
  });

  it("lets concurrent spends through only up to the cap when they race", async () => {
    const { viewer, tip } = await fundedViewerAndCreator();
    await callerFor(viewer).limits.set({ dailyCoins: 100 });
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => tip(20)));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(5);
    expect(await coinsOf(viewer)).toBe(10_000 - 100);
  });
});
