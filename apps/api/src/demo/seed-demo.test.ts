import { checkLedger, createLedger, ensureAccounts, PLATFORM_OWNER } from "@coinstream/db";
import { createTestDatabase, type TestDatabase } from "@coinstream/db/testing";
import { DEMO_CREATOR, DEMO_VIEWER } from "@coinstream/test-harness";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AuthDbHandle, createAuthDb } from "../auth/auth-db.ts";
import { createAuth } from "../auth/create-auth.ts";
import { CapturingMailer } from "../auth/mailer.ts";
import { getCreatorStatus } from "../services/creators/creator-status.ts";
import type { Viewer } from "../services/service-context.ts";
import { getCurrentSession } from "../services/sessions/current-session.ts";
import { resolveCreator } from "../services/streams/resolve-creator.ts";
import { getWallet } from "../services/wallet/get-wallet.ts";
import {
  DEMO_PASSWORD,
  DEMO_PEOPLE,
  demoOverlayPath,
  ensureDemoWebsite,
  seedDemo,
} from "./seed-demo.ts";

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
  it("creates a funded viewer and two creators who can receive gifts, @nova with earnings to withdraw, once", async () => {
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
    expect(
      (await getWallet({ sql: db.sql, viewer: { userId: viewer?.id ?? "" } as Viewer })).coins,
    ).toBe(5_000);
    for (const creator of DEMO_PEOPLE.creators) {
      const resolution = await resolveCreator(db.sql, { url: creator.url }, new Date());
      expect(resolution).toMatchObject({
        found: true,
        creator: { handle: creator.handle, canReceive: true },
      });
    }
    // @nova joined a month ago with earlier earnings available: only a payout method is missing
    // to withdraw. @pixel has none.
    const novaStatus = await getCreatorStatus({
      sql: db.sql,
      viewer: await demoCreator("nova"),
      now: new Date(),
    });
    expect(novaStatus).toMatchObject({
      canWithdraw: false,
      withdrawMissing: [{ code: "NO_PAYOUT_METHOD" }],
      diamonds: { held: 0, available: 2_500, reserved: 0 },
    });
    const pixelStatus = await getCreatorStatus({
      sql: db.sql,
      viewer: await demoCreator("pixel"),
      now: new Date(),
    });
    expect(pixelStatus).toMatchObject({ diamonds: { held: 0, available: 0, reserved: 0 } });
    // @nova is live with a goal, and has an overlay whose path stays the same across starts.
    expect(await getCurrentSession({ sql: db.sql }, { handle: "nova" })).toMatchObject({
      live: true,
      session: { title: "Demo stream", goal: { targetCoins: 5_000, progressCoins: 0 } },
    });
    const overlay = await demoOverlayPath(db.sql);
    expect(overlay).toMatch(/^\/overlay\/[A-Za-z0-9_-]{32}$/);
    expect(await demoOverlayPath(db.sql)).toBe(overlay);
  });

  it("seeds the logins the test harness signs in with (the extension E2E's demo viewer and @nova)", () => {
    const [nova] = DEMO_PEOPLE.creators;
    expect(DEMO_VIEWER).toEqual({
      email: DEMO_PEOPLE.viewer.email,
      password: DEMO_PASSWORD,
      coins: Number(DEMO_PEOPLE.viewer.coins),
    });
    expect(DEMO_CREATOR).toEqual({
      email: nova.email,
      password: DEMO_PASSWORD,
      handle: nova.handle,
      twitchChannel: nova.channel,
      availableDiamonds: Number(nova.earlierDiamonds),
    });
  });

  it("makes the API's own origin @nova's verified website, so the demo page's meta tag counts there only", async () => {
    const page = { handle: "nova", origin: "http://127.0.0.1:3999" };
    expect(await resolveCreator(db.sql, page, new Date())).toMatchObject({ found: false });
    await ensureDemoWebsite(db.sql, "http://127.0.0.1:3999");
    await ensureDemoWebsite(db.sql, "http://127.0.0.1:3999");
    expect(await resolveCreator(db.sql, page, new Date())).toMatchObject({
      found: true,
      creator: { handle: "nova", canReceive: true },
    });
    expect(
      await resolveCreator(db.sql, { handle: "pixel", origin: page.origin }, new Date()),
    ).toMatchObject({ found: false });
    expect(
      await resolveCreator(db.sql, { handle: "nova", origin: "http://127.0.0.1:4000" }, new Date()),
    ).toMatchObject({ found: false });
  });
});

/** A demo creator as procedures see them, read back from the users table. */
async function demoCreator(handle: string): Promise<Viewer> {
  const [row] = await db.sql<
    {
      id: string;
      name: string;
      email: string;
      email_verified: boolean;
      date_of_birth: Date;
      region: string;
      created_at: Date;
    }[]
  >`
    select u.id, u.name, u.email, u.email_verified, u.date_of_birth, u.region, u.created_at
    from users u join creators c on c.user_id = u.id where c.handle = ${handle}`;
  if (!row) throw new Error(`no demo creator @${handle}`);
  return {
    userId: row.id,
    name: row.name,
    email: row.email,
    emailVerified: row.email_verified,
    dateOfBirth: new Date(row.date_of_birth),
    region: row.region,
    createdAt: new Date(row.created_at),
  };
}
