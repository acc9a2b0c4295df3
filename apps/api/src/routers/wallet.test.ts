import { describe, expect, it } from "vitest";
import { csvField } from "../services/wallet/export-wallet-csv.ts";
import { fundWallet, spendFromWallet, testViewer as viewer } from "../test-support/people.ts";
import { useTestLedger } from "../test-support/test-ledger.ts";

const env = useTestLedger();

describe("wallet.get", () => {
  it("shows zero coins at level 1 when a new person asks", async () => {
    const me = viewer();
    const caller = env.callerFor(me);
    expect(await caller.wallet.get()).toMatchObject({
      coins: 0,
      reservedCoins: 0,
      lifetimeGiftedCoins: 0,
      level: { level: 1 },
    });
  });

  it("shows the balance and a level earned by gifting when coins were bought and given", async () => {
    const me = viewer();
    await fundWallet(env.db.sql, env.ledger, me, 1_000n);
    await spendFromWallet(env.ledger, me, 300n);
    const caller = env.callerFor(me);
    const wallet = await caller.wallet.get();
    expect(wallet.coins).toBe(700);
    expect(wallet.lifetimeGiftedCoins).toBe(300);
    expect(wallet.level.level).toBeGreaterThan(1);
  });

  it("refuses anonymous callers with UNAUTHORIZED", async () => {
    const caller = env.callerFor(null);
    await expect(caller.wallet.get()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("wallet.history", () => {
  it("pages only the caller's own transfers, signed from their side, when two people have history", async () => {
    const me = viewer();
    const other = viewer();
    await fundWallet(env.db.sql, env.ledger, me, 500n);
    await spendFromWallet(env.ledger, me, 120n);
    await fundWallet(env.db.sql, env.ledger, other, 9_999n);
    const caller = env.callerFor(me);

    const first = await caller.wallet.history({ limit: 1 });
    expect(first.items.map((i) => [i.code, i.coins])).toEqual([["gift", -120]]);
    const second = await caller.wallet.history({ limit: 1, cursor: first.nextCursor });
    expect(second.items.map((i) => [i.code, i.coins])).toEqual([["purchase", 500]]);
    expect(second.nextCursor).toBeNull();
    const purchases = await caller.wallet.history({ limit: 10, codes: ["purchase"] });
    expect(purchases.items.map((i) => i.coins)).toEqual([500]);
  });

  it("refuses a forged cursor with BAD_REQUEST", async () => {
    const caller = env.callerFor(viewer());
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
    await fundWallet(env.db.sql, env.ledger, me, 40n);
    const caller = env.callerFor(me);
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
