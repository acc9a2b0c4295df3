import type { Sql } from "@coinstream/db";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { createCreator } from "../../test-support/people.ts";
import { createTestCaller } from "../../test-support/test-context.ts";
import { useTestLedger } from "../../test-support/test-ledger.ts";
import type { Viewer } from "../service-context.ts";
import { emitGoalProgress } from "./goal-progress.ts";

const env = useTestLedger();

/**
 * A pool that records, per statement, whether it ran inside a transaction: postgres.js sends
 * `begin` and `commit`/`rollback` through the same hook, on the transaction's connection.
 */
function recordingPool() {
  const statements: { text: string; inTransaction: boolean }[] = [];
  const open = new Set<number>();
  const pool = postgres(env.db.url, {
    max: 3,
    onnotice: () => {},
    types: { bigint: postgres.BigInt },
    debug: (connection, query) => {
      const text = query.replace(/\s+/g, " ").trim().toLowerCase();
      if (text.startsWith("begin")) open.add(connection);
      statements.push({ text, inTransaction: open.has(connection) });
      if (text === "commit" || text === "rollback") open.delete(connection);
    },
  }) as unknown as Sql;
  const caller = (who: Viewer) => createTestCaller({ sql: pool, ledger: env.ledger }, who);
  return { pool, statements, caller };
}

describe("goal events", () => {
  it("are announced after their transaction commits, never by a NOTIFY inside it", async () => {
    const { pool, statements, caller } = recordingPool();
    try {
      const creator = await createCreator(env.db.sql);
      const asCreator = caller(creator.user);
      await asCreator.sessions.start();
      await asCreator.sessions.setGoal({ coins: 200 });
      await asCreator.sessions.clearGoal();
      await asCreator.sessions.setGoal({ coins: 300 });
      const [session] = await env.db.sql<{ id: string }[]>`
        select id from stream_sessions where creator_user_id = ${creator.user.userId} and ended_at is null`;
      await env.db.sql`
        insert into stream_events (creator_user_id, kind, coins, diamonds, session_id, payload)
        values (${creator.user.userId}, 'tip', 50, 0, ${session?.id ?? null}, '{}'::jsonb)`;
      await emitGoalProgress(pool, [session?.id ?? ""]);
      await asCreator.sessions.end();

      const goals = await env.db.sql`
        select 1 from stream_events where creator_user_id = ${creator.user.userId} and kind = 'goal'`;
      expect(goals.length).toBe(5);
      const notifies = statements.filter((statement) => statement.text.includes("pg_notify"));
      // set, clear, set, progress, end: each announced once, outside any transaction.
      expect(notifies.length).toBe(5);
      expect(notifies.filter((statement) => statement.inTransaction)).toEqual([]);
      expect(statements.some((statement) => statement.text === "commit")).toBe(true);
    } finally {
      await pool.end();
    }
  });
});
