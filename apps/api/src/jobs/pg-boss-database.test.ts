import { afterAll, describe, expect, it } from "vitest";
import { useTestLedger } from "../test-support/test-ledger.ts";
import { openPgBossDatabase, type PgBossDatabase } from "./pg-boss-database.ts";

const env = useTestLedger();
const opened: PgBossDatabase[] = [];
const open = () => {
  const database = openPgBossDatabase(env.db.url);
  opened.push(database);
  return database.db;
};
afterAll(() => Promise.all(opened.map((database) => database.close())));

describe("openPgBossDatabase", () => {
  it("answers int8 as a string and timestamps as dates, as node-postgres does", async () => {
    const { rows } = await open().executeSql(
      "select $1::bigint + 1 as big, $2::timestamptz as at, $3::int as small",
      [9_007_199_254_740_993n, new Date("2026-01-02T03:04:05.000Z"), 7],
    );
    expect(rows).toEqual([
      { big: "9007199254740994", at: new Date("2026-01-02T03:04:05.000Z"), small: 7 },
    ]);
  });

  it("takes JSON text and objects for json parameters, arrays for array ones, undefined as null", async () => {
    const { rows } = await open().executeSql(
      "select $1::jsonb as text, $2::jsonb as object, $3::text[] as names, $4::uuid[] as none, $5::text as missing",
      ['[{"coins":5}]', { coins: 5 }, ['a "quoted", name', "back\\slash"], [], undefined],
    );
    expect(rows).toEqual([
      {
        text: [{ coins: 5 }],
        object: { coins: 5 },
        names: ['a "quoted", name', "back\\slash"],
        none: [],
        missing: null,
      },
    ]);
  });

  it("runs a multi-statement transaction in one string and answers its rows", async () => {
    const db = open();
    const { rows } = await db.executeSql(
      "BEGIN; create temporary table boss_probe (n int) on commit drop; insert into boss_probe values (1), (2); select sum(n)::bigint as total from boss_probe; COMMIT;",
    );
    expect(rows).toEqual([{ total: "3" }]);
    // Both connections are back in the pool, outside any transaction.
    const states: { rows: unknown[] }[] = await Promise.all(
      [1, 2].map(() => db.executeSql("select now() = statement_timestamp() as idle")),
    );
    expect(states.map((state) => state.rows)).toEqual([[{ idle: true }], [{ idle: true }]]);
  });
});
