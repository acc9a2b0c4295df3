// Evidence for docs/SCALING.md: two API processes on one database, stream events crossing
// between them through NATS. Gifts go through process A only; every SSE subscriber is on
// process B; each subscriber must receive every gift exactly once (combos count every gift
// they merge). Prints counts, not speed (the machine is shared).
//
//   NATS_URL=nats://127.0.0.1:4222 DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
//     pnpm --filter @coinstream/api scaling-demo [--short]
//   SCALING_PORTS=3500,3501 SCALING_SUBSCRIBERS=200 SCALING_GIFTS=200
import { randomUUID } from "node:crypto";
import { request } from "node:http";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { checkLedger, createLedger } from "@coinstream/db";
import { createTestDatabase } from "@coinstream/db/testing";
import { seedLiveCreator, seedViewers, signInAll } from "./support/seed-people.ts";
import { startBenchApi } from "./support/stage.ts";

const short = process.argv.includes("--short");
const natsUrl = process.env.NATS_URL ?? "nats://127.0.0.1:4222";
const adminUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const [portA, portB] = (process.env.SCALING_PORTS ?? "3500,3501").split(",").map(Number);
const subscriberCount = Number(process.env.SCALING_SUBSCRIBERS ?? (short ? 50 : 200));
const giftCount = Number(process.env.SCALING_GIFTS ?? (short ? 40 : 200));
const SENDERS = 10;

/** An SSE subscriber of B: every gift id it was sent (an event plus the ids it merged). */
function subscribe(baseUrl: string, handle: string) {
  const seen: string[] = [];
  let buffer = "";
  let close = () => {};
  const connected = new Promise<void>((resolve, reject) => {
    const req = request(`${baseUrl}/streams/${handle}/events`, (res) => {
      if (res.statusCode !== 200) reject(new Error(`SSE answered ${res.statusCode}`));
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buffer += chunk;
        let end = buffer.indexOf("\n\n");
        while (end !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.includes("event: connected")) resolve();
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (data && !block.includes("event: ")) {
            const event = JSON.parse(data) as {
              id: string;
              kind: string;
              merged?: { id: string }[];
            };
            if (event.kind === "gift")
              seen.push(...(event.merged ?? []).map((m) => m.id), event.id);
          }
          end = buffer.indexOf("\n\n");
        }
      });
    });
    req.on("error", reject);
    req.end();
    close = () => req.destroy();
  });
  return { seen, connected, close: () => close() };
}

async function main() {
  const startedAt = Date.now();
  const db = await createTestDatabase(adminUrl);
  const logFile = join(tmpdir(), `coinstream-scaling-demo-${process.pid}.log`);
  const authSecret = randomUUID() + randomUUID();
  const env = { NATS_URL: natsUrl, API_WORKERS: "1" };
  Object.assign(process.env, env);
  // One after the other: each seeds the demo data once it starts.
  const a = startBenchApi({ port: portA ?? 3500, databaseUrl: db.url, authSecret, logFile });
  await a.start();
  const b = startBenchApi({ port: portB ?? 3501, databaseUrl: db.url, authSecret, logFile });
  await b.start();
  const subscribers: ReturnType<typeof subscribe>[] = [];
  try {
    const ledger = createLedger(db.sql);
    const handle = `scale${randomUUID().slice(0, 6)}`;
    await seedLiveCreator(db.sql, a.baseUrl, handle);
    const viewers = await seedViewers(db.sql, ledger, {
      count: SENDERS,
      coins: 100_000n,
      label: "scale",
    });
    const tokens = await signInAll(a.baseUrl, viewers);

    for (let i = 0; i < subscriberCount; i++) subscribers.push(subscribe(b.baseUrl, handle));
    await Promise.all(subscribers.map((s) => s.connected));

    // Gifts through A only, SENDERS at a time.
    let next = 0;
    let errors = 0;
    await Promise.all(
      tokens.map(async (token) => {
        while (next < giftCount) {
          next += 1;
          const response = await fetch(`${a.baseUrl}/trpc/gifts.send`, {
            method: "POST",
            headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
            body: JSON.stringify({
              idempotencyKey: randomUUID(),
              to: { handle },
              giftId: "gg",
              count: 1,
            }),
          });
          if (response.status !== 200) errors += 1;
          await response.arrayBuffer();
        }
      }),
    );
    const stored = await db.sql<{ id: bigint }[]>`
      select e.id from stream_events e join creators c on c.user_id = e.creator_user_id
      where c.handle = ${handle} and e.kind = 'gift'`;
    const expected = new Set(stored.map((row) => row.id.toString()));
    const deadline = Date.now() + 20_000;
    const complete = () => subscribers.every((s) => s.seen.length >= expected.size);
    while (!complete() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));

    let missed = 0;
    let duplicates = 0;
    let foreign = 0;
    for (const s of subscribers) {
      const got = new Set(s.seen);
      duplicates += s.seen.length - got.size;
      for (const id of expected) if (!got.has(id)) missed += 1;
      for (const id of got) if (!expected.has(id)) foreign += 1;
    }
    const violations = await checkLedger(db.sql);
    const [one, five, fifteen] = loadavg().map((n) => n.toFixed(2));
    console.log("Scaling demo: two API processes on one database, stream events through NATS");
    console.log(`  NATS_URL=${natsUrl}  API A ${a.baseUrl} (gifts)  API B ${b.baseUrl} (SSE)`);
    console.log(`  gifts sent through A: ${giftCount} by ${SENDERS} senders, errors: ${errors}`);
    console.log(`  gift events stored: ${expected.size}`);
    console.log(`  SSE subscribers on B: ${subscribers.length}`);
    console.log(
      `  deliveries expected: ${expected.size * subscribers.length}, missed: ${missed}, duplicates: ${duplicates}, unknown: ${foreign}`,
    );
    console.log(
      `  checkLedger(): ${violations.length === 0 ? "clean" : JSON.stringify(violations)}`,
    );
    console.log(
      `  load average: ${one} ${five} ${fifteen}; took ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
    );
    const ok =
      errors === 0 && missed === 0 && duplicates === 0 && foreign === 0 && violations.length === 0;
    console.log(
      ok ? "  OK: every subscriber on B received every gift sent through A, once" : "  FAILED",
    );
    process.exitCode = ok ? 0 : 1;
  } finally {
    for (const s of subscribers) s.close();
    await Promise.all([a.stop(), b.stop()]);
    await db.drop();
  }
}

await main();
