import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { connect, type Sql } from "../src/client.ts";
import { createTestDatabase, type TestDatabase } from "../src/testing.ts";

// postgres.js 3.4.9 is patched (patches/postgres@3.4.9.patch) for these: unpatched, the first
// crashes the process, the second hands work to a connection another caller holds, and the third
// never resolves.
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase(inject("adminUrl"));
});
afterAll(async () => {
  await db.drop();
});

/** Ends the server process behind a connection, as a database restart or failover does. */
async function killBackendOf(connection: Pick<Sql, "unsafe">): Promise<void> {
  const [row] = await connection.unsafe<{ pid: number }[]>("select pg_backend_pid() as pid");
  await db.sql`select pg_terminate_backend(${row?.pid ?? 0})`;
  await new Promise((resolve) => setTimeout(resolve, 100));
}

describe("a pool whose connection's backend dies", () => {
  it("rejects later work on the reserved connection with CONNECTION_CLOSED and serves again", async () => {
    const pool = connect(db.url, 2);
    try {
      const reserved = await pool.reserve();
      await killBackendOf(reserved);
      await expect(reserved`rollback`).rejects.toMatchObject({ code: "CONNECTION_CLOSED" });
      reserved.release();
      const answers = await Promise.all(
        [1, 2, 3].map((n) => pool<{ n: number }[]>`select ${n}::int as n`),
      );
      expect(answers.map(([row]) => row?.n)).toEqual([1, 2, 3]);
    } finally {
      await pool.end({ timeout: 1 });
    }
  });

  it("rejects a transaction's later statements instead of running them elsewhere", async () => {
    const pool = connect(db.url, 1);
    try {
      await pool`create table if not exists loss_probe (n int)`;
      const transaction = pool.begin(async (tx) => {
        await killBackendOf(tx);
        await tx`insert into loss_probe values (1)`;
      });
      await expect(transaction).rejects.toMatchObject({ code: "CONNECTION_CLOSED" });
      const [row] = await pool<{ rows: bigint }[]>`select count(*) as rows from loss_probe`;
      expect(row?.rows).toBe(0n);
    } finally {
      await pool.end({ timeout: 1 });
    }
  });

  it("gives a waiting reserve() the connection once it is back", async () => {
    const pool = connect(db.url, 1);
    try {
      const holder = await pool.reserve();
      const waiting = pool.reserve();
      await killBackendOf(holder);
      holder.release();
      const next = await Promise.race([
        waiting,
        new Promise<null>((resolve) => setTimeout(() => resolve(null), 5_000)),
      ]);
      if (next === null) throw new Error("the waiting reserve() never got a connection");
      const [row] = await next<{ n: number }[]>`select 42 as n`;
      expect(row?.n).toBe(42);
      next.release();
    } finally {
      await pool.end({ timeout: 1 });
    }
  });
});
