import { RATE_CARD } from "@coinstream/core";
import type { Sql } from "@coinstream/db";
import { describe, expect, it } from "vitest";
import { createAdmin } from "../../test-support/people.ts";
import { useTestLedger } from "../../test-support/test-ledger.ts";
import { publishRateCard } from "../admin/publish-rate-card.ts";
import { getActiveRateCard, RATE_CARD_CACHE_MS } from "./get-active-rate-card.ts";

const env = useTestLedger();

/** `env.db.sql` under another identity (so a cache of its own) that counts its statements. */
function countingSql() {
  const counted = { statements: 0 };
  const sql = new Proxy(env.db.sql, {
    apply: (target, self, args) => {
      counted.statements++;
      return Reflect.apply(target, self, args);
    },
  }) as Sql;
  return { sql, counted };
}

// The cache's lifetime is the behaviour under test: these waits run past it on purpose.
const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the rate card in force, per process", () => {
  it("is read once for the requests of the next second, again after it", async () => {
    const { sql, counted } = countingSql();
    expect(await getActiveRateCard(sql, new Date())).toBe(RATE_CARD);
    expect(await getActiveRateCard(sql, new Date())).toBe(RATE_CARD);
    expect(counted.statements).toBe(1);
    await later(RATE_CARD_CACHE_MS + 50);
    await getActiveRateCard(sql, new Date());
    expect(counted.statements).toBe(2);
  });

  it("is read again once a scheduled activation's time comes, and at once after a publish here", async () => {
    const { sql, counted } = countingSql();
    const admin = await createAdmin(env.db.sql);
    await publishRateCard(
      { sql: env.db.sql, admin, now: new Date() },
      { version: RATE_CARD.version, activeFrom: new Date(Date.now() + 200) },
    );
    await getActiveRateCard(sql, new Date());
    await later(250);
    await getActiveRateCard(sql, new Date());
    expect(counted.statements).toBe(2);

    await getActiveRateCard(sql, new Date());
    expect(counted.statements).toBe(2);
    await publishRateCard(
      { sql, admin, now: new Date() },
      { version: RATE_CARD.version, activeFrom: new Date(Date.now() + 3_600_000) },
    );
    const afterPublish = counted.statements;
    await getActiveRateCard(sql, new Date());
    expect(counted.statements).toBe(afterPublish + 1);
  });
});
