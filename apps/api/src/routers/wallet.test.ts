import { randomUUID } from "node:crypto";
import {
  accountId,
  checkLedger,
  createLedger,
  ensureAccounts,
  PLATFORM_OWNER,
} from "@coinstream/db";
import { createTestDatabase, type TestDatabase } from "@coinstream/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Viewer } from "../services/service-context.ts";
import { csvField } from "../services/wallet/export-wallet-csv.ts";
import { ensureViewerWallet } from "../services/wallet/viewer-wallet.ts";
import { createTestCaller } from "../test-support/test-context.ts";

let db: TestDatabase;

function viewer(): Viewer {
  return {
    userId: `user-${randomUUID()}`,
    name: "Test Person",
    email: "viewer@example.com",
    emailVerified: true,
    dateOfBirth: new Date("1990-01-01"),
    region: "US",
    createdAt: new Date("2026-01-01"),
  };
}

beforeAll(async () => {
  db = await createTestDatabase(inject("adminUrl"));
  await ensureAccounts(db.sql, [
    { ownerId: PLATFORM_OWNER, purpose: "platform_coin_issuance" },
    { ownerId: PLATFORM_OWNER, purpose: "platform_coin_revenue" },
  ]);
});
afterAll(async () => {
  expect(await checkLedger(db.sql)).toEqual([]);
  await db.drop();
});

async function fund(userId: string, coins: bigint, code: "purchase" | "gift" = "purchase") {
  const ledger = createLedger(db.sql);
  const wallet = await ensureViewerWallet(db.sql, userId);
  const issuance = accountId({ ownerId: PLATFORM_OWNER, purpose: "platform_coin_issuance" });
  const revenue = accountId({ ownerId: PLATFORM_OWNER, purpose: "platform_coin_revenue" });
  const [result] = await ledger.createTransfers([
    code === "purchase"
      ? {
          id: randomUUID(),
          debitAccountId: issuance,
          creditAccountId: wallet,
          asset: "COIN",
          amount: coins,
          code,
        }
      : {
          id: randomUUID(),
          debitAccountId: wallet,
          creditAccountId: revenue,
          asset: "COIN",
          amount: coins,
          code,
        },
  ]);
  expect(result?.result).toBe("ok");
}

describe("wallet.get", () => {
  it("shows zero coins at level 1 when a new person asks", async () => {
    const me = viewer();
    const caller = createTestCaller({ sql: db.sql }, me);
    expect(await caller.wallet.get()).toMatchObject({
      coins: 0,
      reservedCoins: 0,
      lifetimeGiftedCoins: 0,
      level: { level: 1 },
    });
  });

  it("shows the balance and a level earned by gifting when coins were bought and given", async () => {
    const me = viewer();
    await fund(me.userId, 1_000n);
    await fund(me.userId, 300n, "gift");
    const caller = createTestCaller({ sql: db.sql }, me);
    const wallet = await caller.wallet.get();
    expect(wallet.coins).toBe(700);
    expect(wallet.lifetimeGiftedCoins).toBe(300);
    expect(wallet.level.level).toBeGreaterThan(1);
  });

  it("refuses anonymous callers with UNAUTHORIZED", async () => {
    const caller = createTestCaller({ sql: db.sql });
    await expect(caller.wallet.get()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("wallet.history", () => {
  it("pages only the caller's own transfers, signed from their side, when two people have history", async () => {
    const me = viewer();
    const other = viewer();
    await fund(me.userId, 500n);
    await fund(me.userId, 120n, "gift");
    await fund(other.userId, 9_999n);
    const caller = createTestCaller({ sql: db.sql }, me);

    const first = await caller.wallet.history({ limit: 1 });
    expect(first.items.map((i) => [i.code, i.coins])).toEqual([["gift", -120]]);
    const second = await caller.wallet.history({ limit: 1, cursor: first.nextCursor });
    expect(second.items.map((i) => [i.code, i.coins])).toEqual([["purchase", 500]]);
    expect(second.nextCursor).toBeNull();
    const purchases = await caller.wallet.history({ limit: 10, codes: ["purchase"] });
    expect(purchases.items.map((i) => i.coins)).toEqual([500]);
  });

  it("refuses a forged cursor with BAD_REQUEST", async () => {
    const caller = createTestCaller({ sql: db.sql }, viewer());
    await expect(
      caller.wallet.history({ limit: 5, cursor: "1; drop table" }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});

describe("wallet.exportCsv", () => {
  it("exports the caller's history as CSV when asked", async () => {
    const me = viewer();
    await fund(me.userId, 40n);
    const caller = createTestCaller({ sql: db.sql }, me);
    const { csv, rows, filename } = await caller.wallet.exportCsv();
    expect(filename).toMatch(/^coinstream-wallet-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(rows).toBe(1);
    const [header, line] = csv.trim().split("\n");
    expect(header).toBe("date,kind,coins,transfer_id,details");
    expect(line).toMatch(/^\d{4}-.*,purchase,40,[0-9a-f-]{36},$/);
  });
});

describe("csvField", () => {
  it.each([
    ["plain text", "plain text"],
    ["=HYPERLINK(1)", "'=HYPERLINK(1)"],
    ['=HYPERLINK("x"),1', `"'=HYPERLINK(""x""),1"`],
    ['say "hi", ok', '"say ""hi"", ok"'],
    ["-5", "'-5"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
  ])("writes %j as %s", (value, field) => {
    expect(csvField(value)).toBe(field);
  });
});
