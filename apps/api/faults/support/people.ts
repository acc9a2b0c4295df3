import { randomUUID } from "node:crypto";
import { accountId, type Ledger, PLATFORM_OWNER, type Sql, transferIdFor } from "@coinstream/db";
import {
  authOverClient,
  forEachConcurrently,
  HttpClient,
  loopbackAddress,
  signIn,
  signUp,
} from "@coinstream/test-harness";
import { ensureViewerWallet } from "../../src/services/wallet/viewer-wallet.ts";

/** A person of the scenario: signed up and in over HTTP, with their own client address. */
export interface Person {
  readonly userId: string;
  readonly email: string;
  /** The signed bearer token from `set-auth-token`. */
  readonly token: string;
  readonly client: HttpClient;
  readonly wallet: string;
}

const PASSWORD = "fault-scenario-password";

/**
 * Signs `count` adults up and in through Better Auth's HTTP endpoints, each from a loopback
 * address of their own; the emailed verification link is stood in for by marking the address
 * verified in SQL (the link itself is tested elsewhere).
 */
export async function signUpPeople(
  baseUrl: string,
  sql: Sql,
  count: number,
  options: { firstAddress?: number; concurrency?: number } = {},
): Promise<Person[]> {
  const people: Person[] = [];
  const indexes = Array.from({ length: count }, (_, i) => i + (options.firstAddress ?? 0));
  await forEachConcurrently(indexes, options.concurrency ?? 4, async (index) => {
    const client = new HttpClient(baseUrl, { localAddress: loopbackAddress(index) });
    const email = `fault-${randomUUID()}@example.com`;
    const post = authOverClient(client);
    await signUp(post, { name: `Fault Viewer ${index}`, email, password: PASSWORD });
    const [user] = await sql<{ id: string }[]>`
      update users set email_verified = true where email = ${email} returning id`;
    const token = await signIn(post, email, PASSWORD);
    const userId = user?.id ?? "";
    people.push({ userId, email, token, client, wallet: await ensureViewerWallet(sql, userId) });
  });
  return people;
}

/** Gives each person `coins` as the demo seed does: one adjustment from coin issuance. */
export async function fundWallets(ledger: Ledger, people: readonly Person[], coins: bigint) {
  const results = await ledger.createTransfers(
    people.map((person) => ({
      id: transferIdFor(`faults:${person.userId}`, "coins"),
      debitAccountId: accountId({ ownerId: PLATFORM_OWNER, purpose: "platform_coin_issuance" }),
      creditAccountId: person.wallet,
      asset: "COIN" as const,
      amount: coins,
      code: "adjustment" as const,
      metadata: { reason: "fault scenario coins" },
    })),
  );
  const failed = results.find((result) => result.result !== "ok");
  if (failed) throw new Error(`funding wallets failed: ${failed.result}`);
}
