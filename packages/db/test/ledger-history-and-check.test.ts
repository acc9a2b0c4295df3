import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkLedger } from "../src/ledger/check-ledger.ts";
import { listAccountTransfers } from "../src/ledger/history.ts";
import { transferIdFor } from "../src/ledger/ids.ts";
import type { TransferCode } from "../src/ledger/types.ts";
import {
  expectLedgerClean,
  gift,
  newParticipant,
  platform,
  purchase,
  useLedger,
} from "./ledger-fixture.ts";

const ctx = useLedger();
const run = promisify(execFile);
const CLI = fileURLToPath(new URL("../scripts/ledger-check.ts", import.meta.url));

/** Runs `pnpm ledger:check`'s script against the test database; resolves to its exit code. */
async function ledgerCheckExitCode(): Promise<number> {
  try {
    await run(process.execPath, ["--import", "tsx", CLI], {
      env: { ...process.env, DATABASE_URL: ctx.db.url },
    });
    return 0;
  } catch (error) {
    return (error as { code?: number }).code ?? -1;
  }
}

describe("listAccountTransfers", () => {
  it("pages a wallet's history newest first without gaps or repeats when followed by cursor", async () => {
    const viewer = await newParticipant(ctx.db);
    const creator = await newParticipant(ctx.db);
    await ctx.ledger.createTransfers([purchase(viewer.wallet, 1_000n)]);
    for (let i = 0; i < 11; i++)
      await ctx.ledger.createTransfers(gift(viewer.wallet, creator.held, 10n));

    const seen: bigint[] = [];
    let cursor: bigint | null = null;
    do {
      const page = await listAccountTransfers(ctx.db.sql, {
        accountId: viewer.wallet,
        before: cursor,
        limit: 5,
      });
      seen.push(...page.transfers.map((t) => t.seq));
      cursor = page.nextCursor;
    } while (cursor !== null);

    expect(seen).toHaveLength(12);
    expect([...seen].sort((a, b) => (a > b ? -1 : 1))).toEqual(seen);
    expect(new Set(seen).size).toBe(12);
  });

  it("filters by code when codes are given", async () => {
    const viewer = await newParticipant(ctx.db);
    const creator = await newParticipant(ctx.db);
    await ctx.ledger.createTransfers([purchase(viewer.wallet, 100n)]);
    await ctx.ledger.createTransfers(gift(viewer.wallet, creator.held, 10n));
    const page = await listAccountTransfers(ctx.db.sql, {
      accountId: viewer.wallet,
      codes: ["purchase"],
    });
    expect(page.transfers.map((t) => [t.code, t.amount])).toEqual([["purchase", 100n]]);
    expect(page.nextCursor).toBeNull();
  });
});

describe("listAccountTransfers over random histories", () => {
  it("reaches every entry exactly once, newest first, on two-sided and one-sided accounts, filtered or not", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.boolean(), { minLength: 0, maxLength: 30 }),
        fc.constantFrom("wallet", "held"),
        fc.constantFrom<TransferCode[] | undefined>(
          undefined,
          ["gift"],
          ["purchase"],
          ["gift_diamonds"],
          ["gift", "purchase"],
        ),
        fc.integer({ min: 1, max: 12 }),
        async (giftsOrPurchases, side, codes, limit) => {
          const viewer = await newParticipant(ctx.db);
          const creator = await newParticipant(ctx.db);
          // A purchase first, so every gift is covered; then the random mix.
          const steps = [
            [purchase(viewer.wallet, 1_000n)],
            ...giftsOrPurchases.map((isGift) =>
              isGift ? gift(viewer.wallet, creator.held, 10n) : [purchase(viewer.wallet, 1_000n)],
            ),
          ];
          for (const transfers of steps) {
            const results = await ctx.ledger.createTransfers(transfers);
            expect(results.map((r) => r.result)).toEqual(transfers.map(() => "ok"));
          }

          const account = side === "wallet" ? viewer.wallet : creator.held;
          const expected = (
            await ctx.db.sql<{ seq: bigint }[]>`
              select seq from ledger_transfers
              where (debit_account_id = ${account} or credit_account_id = ${account})
                and (${codes ?? null}::text[] is null or code = any(${codes ?? null}::text[]))
              order by seq desc`
          ).map((row) => row.seq);

          const seen: bigint[] = [];
          let cursor: bigint | null = null;
          for (let pages = 0; pages <= expected.length + 1; pages++) {
            const page = await listAccountTransfers(ctx.db.sql, {
              accountId: account,
              before: cursor,
              limit,
              ...(codes ? { codes } : {}),
            });
            seen.push(...page.transfers.map((t) => t.seq));
            // A page short of the limit is the last one; a full one says whether more follow.
            if (page.transfers.length < limit) expect(page.nextCursor).toBeNull();
            cursor = page.nextCursor;
            if (cursor === null) break;
          }
          expect(seen).toEqual(expected);
        },
      ),
      {
        numRuns: 40,
        // One-sided: a wallet only bought into, a hold only credited.
        examples: [
          [[false], "wallet", undefined, 1],
          [[true, true], "held", undefined, 1],
          [[false, true, true], "wallet", ["gift"], 1],
        ],
      },
    );
  });
});

describe("transferIdFor", () => {
  it("derives the same id for the same key and leg, and different ids otherwise", () => {
    expect(transferIdFor("key-1", "coins")).toBe(transferIdFor("key-1", "coins"));
    expect(transferIdFor("key-1", "coins")).not.toBe(transferIdFor("key-1", "diamonds"));
    expect(transferIdFor("key-1", "coins")).not.toBe(transferIdFor("key-2", "coins"));
  });
});

// Tampering leaves this file's database dirty on purpose, so these run last.
describe("checkLedger", () => {
  it("passes and the CLI exits 0 when the ledger is consistent", async () => {
    await expectLedgerClean(ctx.db);
    expect(await ledgerCheckExitCode()).toBe(0);
  });

  it("reports every kind of violation and the CLI exits 1 when rows are tampered with", async () => {
    const viewer = await newParticipant(ctx.db);
    await ctx.ledger.createTransfers([purchase(viewer.wallet, 100n)]);
    const revenue = platform("platform_coin_revenue");
    // A total that no transfer explains, which also unbalances the coin asset.
    await ctx.db
      .sql`update ledger_accounts set credits_posted = credits_posted + 7 where id = ${revenue}`;
    // A slot taking credits away from a wallet: the only way past the CHECK, by design.
    await ctx.db
      .sql`insert into ledger_account_slots (account_id, slot, credits_posted) values (${viewer.wallet}, 0, -150)`;
    // A transfer naming an account that does not exist.
    const ghost = randomUUID();
    await ctx.db.sql`
      insert into ledger_transfers (id, debit_account_id, credit_account_id, asset, amount, code, phase)
      values (${randomUUID()}, ${ghost}, ${revenue}, 'COIN', 1, 'adjustment', 'single')`;

    const kinds = new Set((await checkLedger(ctx.db.sql)).map((violation) => violation.kind));
    expect(kinds).toEqual(
      new Set([
        "asset_unbalanced",
        "user_account_negative",
        "totals_differ_from_transfers",
        "transfer_names_unknown_account",
      ]),
    );
    expect(await ledgerCheckExitCode()).toBe(1);
  });
});
