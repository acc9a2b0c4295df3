import { checkLedger, createLedger, ensureAccounts, PLATFORM_OWNER } from "@coinstream/db";
import { createTestDatabase, type TestDatabase } from "@coinstream/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AuthDbHandle, createAuthDb } from "../auth/auth-db.ts";
import { createAuth } from "../auth/create-auth.ts";
import { CapturingMailer } from "../auth/mailer.ts";
import { getCurrentSession } from "../services/sessions/current-session.ts";
import { resolveCreator } from "../services/streams/resolve-creator.ts";
import { getWallet } from "../services/wallet/get-wallet.ts";
import { DEMO_PEOPLE, demoOverlayPath, seedDemo } from "./seed-demo.ts";

let db: TestDatabase;
let authDb: AuthDbHandle;

beforeAll(async () => {
  db = await createTestDatabase(inject("adminUrl"));
  authDb = createAuthDb(db.url);
  await ensureAccounts(db.sql, [{ ownerId: PLATFORM_OWNER, purpose: "platform_coin_issuance" }]);
});
afterAll(async () => {
  expect(await checkLedger(db.sql)).toEqual([]);
  await authDb.close();
  await db.drop();
});

describe("seedDemo", () => {
  it("creates a funded viewer and two creators who can receive gifts, once", async () => {
    const auth = createAuth({
      db: authDb.db,
      mailer: new CapturingMailer(),
      secret: "a-test-secret-of-at-least-thirty-two-characters",
      baseURL: "http://coinstream.test",
    });
    const ledger = createLedger(db.sql);
    expect(await seedDemo(db.sql, ledger, auth)).toBe("seeded");
    expect(await seedDemo(db.sql, ledger, auth)).toBe("present");

    const [viewer] = await db.sql<{ id: string; email_verified: boolean }[]>`
      select id, email_verified from users where email = ${DEMO_PEOPLE.viewer.email}`;
    expect(viewer?.email_verified).toBe(true);
    expect((await getWallet(db.sql, viewer?.id ?? "")).coins).toBe(5_000);
    for (const creator of DEMO_PEOPLE.creators) {
      const resolution = await resolveCreator(db.sql, { url: creator.url }, new Date());
      expect(resolution).toMatchObject({
        found: true,
        creator: { handle: creator.handle, canReceive: true },
      });
    }
    // @nova is live with a goal, and has an overlay whose path stays the same across starts.
    expect(await getCurrentSession(db.sql, "nova")).toMatchObject({
      live: true,
      session: { title: "Demo stream", goal: { targetCoins: 5_000, progressCoins: 0 } },
    });
    const overlay = await demoOverlayPath(db.sql);
    expect(overlay).toMatch(/^\/overlay\/[A-Za-z0-9_-]{32}$/);
    expect(await demoOverlayPath(db.sql)).toBe(overlay);
  });
});
