import { randomUUID } from "node:crypto";
import { accountId, ensureAccounts, type Ledger, PLATFORM_OWNER, type Sql } from "@coinstream/db";
import { expect } from "vitest";
import type { Viewer } from "../services/service-context.ts";
import { ensureViewerWallet, viewerWalletRef } from "../services/wallet/viewer-wallet.ts";

/** The platform accounts a test database needs before money moves. */
export async function ensurePlatformAccounts(sql: Sql): Promise<void> {
  await ensureAccounts(
    sql,
    (
      [
        "platform_coin_issuance",
        "platform_coin_revenue",
        "platform_diamond_issuance",
        "platform_payout_clearing",
      ] as const
    ).map((purpose) => ({ ownerId: PLATFORM_OWNER, purpose })),
  );
}

/**
 * A signed-up, verified adult as procedures see them, without a `users` row: for calls that read
 * only the caller (`createPerson` stores one).
 */
export function testViewer(overrides: Partial<Viewer> = {}): Viewer {
  return {
    userId: `user-${randomUUID()}`,
    name: "Test Person",
    email: `${randomUUID()}@example.com`,
    emailVerified: true,
    dateOfBirth: new Date("1990-01-01"),
    region: "US",
    createdAt: new Date("2026-01-01"),
    role: "viewer",
    frozen: false,
    ...overrides,
  };
}

/** A signed-up, verified adult (a `users` row) as procedures see them. */
export async function createPerson(sql: Sql, overrides: Partial<Viewer> = {}): Promise<Viewer> {
  const who = testViewer(overrides);
  await sql`
    insert into users (id, name, email, email_verified, date_of_birth, region, created_at, updated_at)
    values (${who.userId}, ${who.name}, ${who.email}, ${who.emailVerified}, ${who.dateOfBirth}, ${who.region}, ${who.createdAt}, now())`;
  // Signing up accepts the guidelines in effect (see sign-up-rules.ts).
  await sql`
    insert into guidelines_acceptances (user_id, version)
    select ${who.userId}, max(version) from guidelines_versions where effective_at <= now()`;
  return who;
}

/**
 * An admin: a person whose `users.role` is 'admin', set in SQL as in production (no procedure
 * makes admins).
 */
export async function createAdmin(sql: Sql, overrides: Partial<Viewer> = {}): Promise<Viewer> {
  const who = await createPerson(sql, overrides);
  await sql`update users set role = 'admin' where id = ${who.userId}`;
  return { ...who, role: "admin" };
}

/** A creator with a verified Twitch channel of `followers` followers. */
export async function createCreator(sql: Sql, followers = 150, who?: Viewer) {
  const user = who ?? (await createPerson(sql));
  const handle = `c${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  await sql`insert into creators (user_id, handle) values (${user.userId}, ${handle})`;
  await sql`
    insert into creator_channels (creator_user_id, platform, channel, followers, followers_verified, verified_at, verification_method)
    values (${user.userId}, 'twitch', ${handle}, ${followers}, true, now(), 'seed')`;
  const [held] = await ensureAccounts(sql, [{ ownerId: user.userId, purpose: "creator_held" }]);
  return { user, handle, url: `https://www.twitch.tv/${handle}`, held: held as string };
}

/** Mints `coins` into the person's wallet, as a paid purchase would. */
export async function fundWallet(
  sql: Sql,
  ledger: Ledger,
  who: Viewer,
  coins: bigint,
): Promise<void> {
  const wallet = await ensureViewerWallet(sql, who.userId);
  const [minted] = await ledger.createTransfers([
    {
      id: randomUUID(),
      debitAccountId: accountId({ ownerId: PLATFORM_OWNER, purpose: "platform_coin_issuance" }),
      creditAccountId: wallet,
      asset: "COIN",
      amount: coins,
      code: "purchase",
    },
  ]);
  expect(minted?.result).toBe("ok");
}

/** A person (see `createPerson`) whose wallet holds `coins`, minted as a paid purchase would. */
export async function createFundedPerson(
  sql: Sql,
  ledger: Ledger,
  coins: bigint,
  overrides: Partial<Viewer> = {},
): Promise<Viewer> {
  const who = await createPerson(sql, overrides);
  await fundWallet(sql, ledger, who, coins);
  return who;
}

/** Spends `coins` from the person's wallet straight through the ledger (`gift` by default). */
export async function spendFromWallet(
  ledger: Ledger,
  who: Viewer,
  coins: bigint,
  code: "gift" | "boost" = "gift",
): Promise<void> {
  const [spent] = await ledger.createTransfers([
    {
      id: randomUUID(),
      debitAccountId: accountId(viewerWalletRef(who.userId)),
      creditAccountId: accountId({ ownerId: PLATFORM_OWNER, purpose: "platform_coin_revenue" }),
      asset: "COIN",
      amount: coins,
      code,
    },
  ]);
  expect(spent?.result).toBe("ok");
}
