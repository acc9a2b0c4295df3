import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { createPerson } from "../test-support/people.ts";
import { useTestLedger } from "../test-support/test-ledger.ts";

// The service answers whatever the test says; the procedure's `.output()` schema judges it.
const answer = vi.hoisted(() => ({
  withdrawals: null as unknown,
  gift: null as unknown,
  catalog: null as unknown,
}));
vi.mock("../services/payouts/withdrawals.ts", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../services/payouts/withdrawals.ts")>();
  return {
    ...actual,
    listWithdrawals: async (...args: Parameters<typeof actual.listWithdrawals>) =>
      answer.withdrawals ?? actual.listWithdrawals(...args),
  };
});

vi.mock("../services/gifts/send-gift-or-tip.ts", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../services/gifts/send-gift-or-tip.ts")>();
  return {
    ...actual,
    sendGift: async (...args: Parameters<typeof actual.sendGift>) =>
      answer.gift ?? actual.sendGift(...args),
  };
});

vi.mock("../services/gifts/gift-catalog.ts", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../services/gifts/gift-catalog.ts")>();
  return {
    ...actual,
    getGiftCatalog: async (...args: Parameters<typeof actual.getGiftCatalog>) =>
      answer.catalog ?? actual.getGiftCatalog(...args),
  };
});

const env = useTestLedger();

async function creator() {
  const who = await createPerson(env.db.sql);
  await env.callerFor(who).creator.register({ handle: `o${randomUUID().slice(0, 8)}` });
  return who;
}

describe("output schemas", () => {
  it("fails the call with INTERNAL_SERVER_ERROR when a service answers the wrong shape", async () => {
    const who = await creator();
    answer.withdrawals = [{ withdrawalId: randomUUID(), diamonds: "1000", status: "paid" }];
    try {
      await expect(env.callerFor(who).creator.withdrawals()).rejects.toMatchObject({
        code: "INTERNAL_SERVER_ERROR",
      });
    } finally {
      answer.withdrawals = null;
    }
  });

  it("passes the service's answer through when it has the declared shape", async () => {
    const who = await creator();
    const row = {
      withdrawalId: randomUUID(),
      diamonds: 1_000,
      netUsdMinor: 500,
      status: "paid",
      failureReason: null,
      createdAt: new Date().toISOString(),
    };
    answer.withdrawals = [row];
    try {
      expect(await env.callerFor(who).creator.withdrawals()).toEqual([row]);
    } finally {
      answer.withdrawals = null;
    }
  });

  it("holds a hot spend (gifts.send) to its schema: a time sent as a Date fails the call", async () => {
    const who = await createPerson(env.db.sql);
    const paid = {
      transferId: randomUUID(),
      replayed: false,
      coinsSpent: 10,
      balance: 990,
      creator: { handle: "nova", diamonds: 5 },
      rateCardVersion: "2026-12-01",
      paidAt: new Date(),
    };
    const send = () =>
      env.callerFor(who).gifts.send({
        idempotencyKey: randomUUID(),
        to: { handle: "nova" },
        giftId: "gg",
        count: 1,
      });
    try {
      answer.gift = paid;
      await expect(send()).rejects.toMatchObject({ code: "INTERNAL_SERVER_ERROR" });
      answer.gift = { ...paid, paidAt: paid.paidAt.toISOString() };
      expect(await send()).toEqual(answer.gift);
    } finally {
      answer.gift = null;
    }
  });

  it("answers a failed output check as our fault over HTTP: no input wording, no field names", async () => {
    answer.catalog = { rateCardVersion: "2026-12-01", gifts: [{ id: "rose", secretColumn: 1 }] };
    try {
      const response = await env.appWith().request("/trpc/gifts.catalog");
      expect(response.status).toBe(500);
      const { error } = (await response.json()) as {
        error: { message: string; data: { code: string; fieldErrors: unknown } };
      };
      expect(error.data.code).toBe("INTERNAL_SERVER_ERROR");
      expect(error.data.fieldErrors).toBeNull();
      expect(JSON.stringify(error)).not.toMatch(/secretColumn|coins|expected|Unrecognized/i);
    } finally {
      answer.catalog = null;
    }
    // The same route still answers its real catalog.
    const response = await env.appWith().request("/trpc/gifts.catalog");
    expect(response.status).toBe(200);
  });
});
