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

describe("the rate card in force, per process", () => {
  it("is read once for the requests of the next second, again after it", async () => {
    const { sql, counted } = countingSql();
    expect(await getActiveRateCard(sql, new Date())).toBe(RATE_CARD);
    expect(await getActiveRateCard(sql, new Date())).toBe(RATE_CARD);
    expect(counted.statements).toBe(1);
    // Kept: the lifetime is counted on the wall clock from the read (the request's `now` only
    // picks the card), so the test waits it out.
    await new Promise((resolve) => setTimeout(resolve, RATE_CARD_CACHE_MS + 50));
    await getActiveRateCard(sql, new Date());
    expect(counted.statements).toBe(2);
  });

  it("is read again once a scheduled activation's time comes, and at once after a publish here", async () => {
    const { sql, counted } = countingSql();
    const admin = await createAdmin(env.db.sql);
    const now = Date.now();
    await publishRateCard(
      { sql: env.db.sql, admin, now: new Date(now) },
      { version: RATE_CARD.version, activeFrom: new Date(now + 200) },
    );
    await getActiveRateCard(sql, new Date(now));
    // A request whose time is past the activation's (the cache judges by the request's `now`).
    const afterActivation = new Date(now + 250);
    await getActiveRateCard(sql, afterActivation);
    expect(counted.statements).toBe(2);

    await getActiveRateCard(sql, afterActivation);
    expect(counted.statements).toBe(2);
    await publishRateCard(
      { sql, admin, now: new Date() },
      { version: RATE_CARD.version, activeFrom: new Date(Date.now() + 3_600_000) },
    );
    const afterPublish = counted.statements;
    await getActiveRateCard(sql, afterActivation);
    expect(counted.statements).toBe(afterPublish + 1);
  });
});
