import { randomUUID } from "node:crypto";
import {
  accountId,
  ensureAccounts,
  type Ledger,
  PLATFORM_OWNER,
  type Sql,
  type TransferRequest,
} from "@coinstream/db";
import {
  authOverFetch,
  signInAll as signInAllOverHttp,
  signIn as signInOverHttp,
} from "@coinstream/test-harness";
import { hashPassword } from "better-auth/crypto";
import { viewerWalletRef } from "../../../src/services/wallet/viewer-wallet.ts";

/** Every seeded person signs in with this; the hash is computed once per run (scrypt is slow). */
export const BENCH_PASSWORD = "coinstream-bench-password";
let passwordHash: Promise<string> | null = null;

export interface SeededPerson {
  readonly userId: string;
  readonly email: string;
  readonly name: string;
}

/**
 * `count` verified adults who joined a month ago (past the new-account cap), with no limits of
 * their own and `coins` minted into each wallet through the ledger as a purchase would. Users and
 * their password logins are written in SQL with Better Auth's own password hash, one statement
 * for all, instead of one sign-up each; they sign in over HTTP like anybody (`signIn`).
 */
export async function seedViewers(
  sql: Sql,
  ledger: Ledger,
  options: { readonly count: number; readonly coins: bigint; readonly label: string },
): Promise<SeededPerson[]> {
  const people = Array.from({ length: options.count }, (_, i) => {
    const userId = `bench-${options.label}-${i}-${randomUUID().slice(0, 8)}`;
    return {
      userId,
      email: `${userId}@bench.coinstream.local`,
      name: `Bench ${options.label} ${i}`,
    };
  });
  await insertPeople(sql, people);
  const wallets = await ensureAccounts(
    sql,
    people.map((person) => viewerWalletRef(person.userId)),
  );
  if (options.coins > 0n) {
    const issuance = accountId({ ownerId: PLATFORM_OWNER, purpose: "platform_coin_issuance" });
    const mints: TransferRequest[] = wallets.map((wallet) => ({
      id: randomUUID(),
      debitAccountId: issuance,
      creditAccountId: wallet,
      asset: "COIN",
      amount: options.coins,
      code: "purchase",
      metadata: { reason: "benchmark coins" },
    }));
    for (let i = 0; i < mints.length; i += 500) {
      const results = await ledger.createTransfers(mints.slice(i, i + 500));
      const failed = results.find((result) => result.result !== "ok");
      if (failed) throw new Error(`minting benchmark coins failed: ${failed.result}`);
    }
  }
  return people;
}

/** A creator with a verified channel well above the follower minimum, who can receive gifts. */
export async function seedCreator(sql: Sql, handle: string): Promise<SeededPerson> {
  const userId = `bench-creator-${randomUUID().slice(0, 8)}`;
  const person = { userId, email: `${userId}@bench.coinstream.local`, name: `Bench ${handle}` };
  await insertPeople(sql, [person]);
  await sql`insert into creators (user_id, handle) values (${userId}, ${handle})`;
  await sql`
    insert into creator_channels (creator_user_id, platform, channel, followers, followers_verified, verified_at, verification_method)
    values (${userId}, 'twitch', ${handle}, 50000, true, now(), 'seed')`;
  await ensureAccounts(sql, [{ ownerId: userId, purpose: "creator_held" }]);
  return person;
}

async function insertPeople(sql: Sql, people: readonly SeededPerson[]): Promise<void> {
  passwordHash ??= hashPassword(BENCH_PASSWORD);
  const hash = await passwordHash;
  for (let i = 0; i < people.length; i += 5_000) {
    const chunk = people.slice(i, i + 5_000);
    await sql`
      insert into users (id, name, email, email_verified, date_of_birth, region, created_at, updated_at)
      select id, name, email, true, date '1990-01-01', 'US', now() - interval '30 days', now()
      from unnest(${chunk.map((p) => p.userId)}::text[], ${chunk.map((p) => p.name)}::text[],
                  ${chunk.map((p) => p.email)}::text[]) as p(id, name, email)`;
    // Better Auth's email + password login: provider "credential", keyed by the user id.
    await sql`
      insert into auth_accounts (id, account_id, provider_id, user_id, password, created_at, updated_at)
      select gen_random_uuid()::text, id, 'credential', id, ${hash}, now(), now()
      from unnest(${chunk.map((p) => p.userId)}::text[]) as p(id)`;
    // Signing up accepts the community guidelines in effect; without it they could not spend.
    await sql`
      insert into guidelines_acceptances (user_id, version)
      select id, (select max(version) from guidelines_versions where effective_at <= now())
      from unnest(${chunk.map((p) => p.userId)}::text[]) as p(id)`;
  }
}

/** Signs in over HTTP like the extension does and returns the bearer token. */
export function signIn(baseUrl: string, email: string): Promise<string> {
  return signInOverHttp(authOverFetch(baseUrl), email, BENCH_PASSWORD);
}

/** Bearer tokens for everyone, `concurrency` sign-ins at a time (each is one scrypt check). */
export function signInAll(
  baseUrl: string,
  people: readonly SeededPerson[],
  concurrency = 4,
): Promise<string[]> {
  return signInAllOverHttp(
    authOverFetch(baseUrl),
    people.map((person) => person.email),
    BENCH_PASSWORD,
    concurrency,
  );
}

/** A creator (`seedCreator`) signed in over HTTP who went live (`goLive`). */
export async function seedLiveCreator(
  sql: Sql,
  baseUrl: string,
  handle: string,
): Promise<SeededPerson> {
  const creator = await seedCreator(sql, handle);
  await goLive(baseUrl, await signIn(baseUrl, creator.email));
  return creator;
}

/** The creator goes live through the API (`sessions.start`), as from the dashboard. */
export async function goLive(baseUrl: string, creatorToken: string): Promise<void> {
  const response = await fetch(`${baseUrl}/trpc/sessions.start`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${creatorToken}` },
    body: JSON.stringify({ title: "Benchmark stream" }),
  });
  if (response.status !== 200) {
    throw new Error(`going live failed: ${response.status} ${await response.text()}`);
  }
}
