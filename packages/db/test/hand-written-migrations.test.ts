import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { normalizeDisplayName } from "@coinstream/core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../src/testing.ts";

// The data changes written by hand at the end of generated migrations, run again on rows shaped
// like the ones they were written for.
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase(inject("adminUrl"));
});
afterAll(async () => {
  await db.drop();
});

/** The statements after `-- hand-written below` in a migration file. */
async function runHandWritten(file: string): Promise<void> {
  const text = readFileSync(new URL(`../migrations/${file}`, import.meta.url), "utf8");
  const [, handWritten = ""] = text.split("-- hand-written below");
  for (const statement of handWritten.split("--> statement-breakpoint")) {
    if (statement.replace(/--.*$/gm, "").trim() !== "") await db.sql.unsafe(statement);
  }
}

let userCount = 0;
async function insertUser(
  name: string,
  createdAt = "2026-01-01",
): Promise<{ id: string; email: string }> {
  userCount += 1;
  const id = `user-migration-${userCount}`;
  const email = `Person-${userCount}@Example.com`;
  await db.sql`
    insert into users (id, name, email, date_of_birth, region, created_at, updated_at)
    values (${id}, ${name}, ${email}, '1990-01-01', 'US', ${createdAt}, now())`;
  return { id, email };
}

describe("0018_display_name_rules", () => {
  it("rewrites names core refuses into names it accepts, and leaves good ones alone", async () => {
    const cases: [string, string][] = [
      ["Vera\u202Eresu", "Veraresu"],
      ["x".repeat(15_000), "x".repeat(50)],
      ["Vera\nViewer", "Vera Viewer"],
      ["  \u00a0Tab\tbed\u3000 ", "Tab bed"],
      ["\u2066\u2069", "Coinstream viewer"],
      [`${"y".repeat(49)} z`, `${"y".repeat(49)}`],
      ["🎉".repeat(60), "🎉".repeat(50)],
      ["Good Name", "Good Name"],
      ["ليلى", "ليلى"],
    ];
    const ids: string[] = [];
    for (const [name] of cases) ids.push((await insertUser(name)).id);

    await runHandWritten("0018_display_name_rules.sql");

    const rows = await db.sql<{ id: string; name: string }[]>`
      select id, name from users where id in ${db.sql(ids)}`;
    const byId = new Map(rows.map((row) => [row.id, row.name]));
    cases.forEach(([, expected], index) => {
      const stored = byId.get(ids[index] ?? "") ?? "";
      expect(stored).toBe(expected);
      expect(normalizeDisplayName(stored)).toBe(stored);
    });
  });
});

describe("0016_guardian_invites", () => {
  it("turns pending links into invitations to the awaited side's email and keeps active links", async () => {
    // The column the next migration drops, back for the rows this one was written for.
    await db.sql`alter table guardian_links add column awaiting text`;
    const parent = await insertUser("Parent");
    const teen = await insertUser("Teen");
    const asker = await insertUser("Asker");
    const adult = await insertUser("Adult");
    const ward = await insertUser("Ward");
    const [invited, requested, active] = [
      "00000000-0000-4000-8000-000000000001",
      "00000000-0000-4000-8000-000000000002",
      "00000000-0000-4000-8000-000000000003",
    ];
    await db.sql`
      insert into guardian_links (id, guardian_user_id, supervised_user_id, awaiting, created_at, activated_at)
      values (${invited}, ${parent.id}, ${teen.id}, 'supervised', '2026-12-01T10:00:00Z', null),
             (${requested}, ${adult.id}, ${asker.id}, 'guardian', '2026-11-01T10:00:00Z', null),
             (${active}, ${parent.id}, ${ward.id}, null, '2026-10-01T10:00:00Z', now())`;

    await runHandWritten("0016_guardian_invites.sql");

    const invites = await db.sql<
      {
        id: string;
        inviter_user_id: string;
        inviter_role: string;
        invitee_email: string;
        expires_at: Date;
      }[]
    >`select id, inviter_user_id, inviter_role, invitee_email, expires_at from guardian_invites order by id`;
    expect(invites).toEqual([
      {
        id: invited,
        inviter_user_id: parent.id,
        inviter_role: "guardian",
        invitee_email: teen.email.toLowerCase(),
        expires_at: new Date("2026-12-08T10:00:00Z"),
      },
      {
        id: requested,
        inviter_user_id: asker.id,
        inviter_role: "supervised",
        invitee_email: adult.email.toLowerCase(),
        expires_at: new Date("2026-11-08T10:00:00Z"),
      },
    ]);
    const links = await db.sql<{ id: string }[]>`select id from guardian_links`;
    expect(links).toEqual([{ id: active }]);
    await db.sql`alter table guardian_links drop column awaiting`;
  });
});

describe("0026_promotions_and_support", () => {
  it("records each open purchase's first-purchase offer undecided and each finished one decided", async () => {
    const buyer = await insertUser("Promo Buyer");
    const purchase = async (status: string, firstBonus: number) => {
      const id = randomUUID();
      await db.sql`
        insert into purchases (id, user_id, idempotency_key, pack_id, base_coins, bonus_coins,
                               first_purchase_bonus_coins, currency, price_minor, rate_card_version,
                               provider, status)
        values (${id}, ${buyer.id}, ${id}, 'coins-500', 500, ${firstBonus}, ${firstBonus}, 'USD',
                899, '2026-11-01', 'sandbox', ${status})`;
      return id;
    };
    const open = await purchase("pending", 50);
    const paid = await purchase("paid", 50);
    const refunded = await purchase("refunded", 50);
    const failed = await purchase("failed", 50);
    const lostTheRace = await purchase("paid", 0);

    await runHandWritten("0026_promotions_and_support.sql");
    await runHandWritten("0026_promotions_and_support.sql"); // a second run changes nothing

    const rows = await db.sql<{ purchase_id: string; offered: bigint; granted: bigint | null }[]>`
      select purchase_id, offered_coins as offered, granted_coins as granted
      from purchase_promotions where user_id = ${buyer.id} and promotion_id = 'first-purchase'`;
    const byPurchase = new Map(rows.map((row) => [row.purchase_id, row.granted]));
    expect(rows).toHaveLength(4);
    expect(byPurchase.get(open)).toBeNull();
    expect(byPurchase.get(paid)).toBe(50n);
    expect(byPurchase.get(refunded)).toBe(50n);
    expect(byPurchase.get(failed)).toBe(0n);
    expect(byPurchase.has(lostTheRace)).toBe(false);
    const [seeded] = await db.sql<{ per_account_limit: number; first_purchase_only: boolean }[]>`
      select per_account_limit, first_purchase_only from promotions where id = 'first-purchase'`;
    expect(seeded).toEqual({ per_account_limit: 1, first_purchase_only: true });
  });
});
