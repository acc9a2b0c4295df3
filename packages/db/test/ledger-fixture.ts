import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, inject } from "vitest";
import type { AccountPurpose } from "../src/ledger/account-purposes.ts";
import { PLATFORM_OWNER } from "../src/ledger/account-purposes.ts";
import { accountId, ensureAccounts } from "../src/ledger/accounts.ts";
import { checkLedger } from "../src/ledger/check-ledger.ts";
import { createLedger, type Ledger, type LedgerOptions } from "../src/ledger/ledger.ts";
import type { TransferRequest } from "../src/ledger/types.ts";
import { createTestDatabase, type TestDatabase } from "../src/testing.ts";

export const platform = (purpose: AccountPurpose) =>
  accountId({ ownerId: PLATFORM_OWNER, purpose });

/** A fresh database and ledger for one test file; the ledger's invariants are checked after it. */
export function useLedger(options: LedgerOptions = {}) {
  const context = {} as { db: TestDatabase; ledger: Ledger };
  beforeAll(async () => {
    context.db = await createTestDatabase(inject("adminUrl"), 40);
    context.ledger = createLedger(context.db.sql, options);
    await ensureAccounts(context.db.sql, [
      { ownerId: PLATFORM_OWNER, purpose: "platform_coin_issuance" },
      { ownerId: PLATFORM_OWNER, purpose: "platform_coin_revenue" },
      { ownerId: PLATFORM_OWNER, purpose: "platform_diamond_issuance" },
      { ownerId: PLATFORM_OWNER, purpose: "platform_payout_clearing" },
    ]);
  });
  afterAll(async () => {
    await context.db?.drop();
  });
  return context;
}

/** Asserts `checkLedger()` finds nothing wrong. */
export async function expectLedgerClean(db: TestDatabase): Promise<void> {
  expect(await checkLedger(db.sql)).toEqual([]);
}

/** A new viewer wallet (and creator accounts) with an owner id of its own. */
export async function newParticipant(db: TestDatabase) {
  const ownerId = `user-${randomUUID()}`;
  const [wallet, held, available] = await ensureAccounts(db.sql, [
    { ownerId, purpose: "viewer_wallet" },
    { ownerId, purpose: "creator_held" },
    { ownerId, purpose: "creator_available" },
  ]);
  return {
    ownerId,
    wallet: wallet as string,
    held: held as string,
    available: available as string,
  };
}

/** A purchase: coins minted from platform issuance into the wallet. */
export function purchase(
  wallet: string,
  coins: bigint,
  id: string = randomUUID(),
): TransferRequest {
  return {
    id,
    debitAccountId: platform("platform_coin_issuance"),
    creditAccountId: wallet,
    asset: "COIN",
    amount: coins,
    code: "purchase",
  };
}

/** A gift: two linked transfers, coins to platform revenue and diamonds to the creator's hold. */
export function gift(
  wallet: string,
  creatorHeld: string,
  coins: bigint,
  ids: { coin: string; diamond: string } = { coin: randomUUID(), diamond: randomUUID() },
): TransferRequest[] {
  return [
    {
      id: ids.coin,
      debitAccountId: wallet,
      creditAccountId: platform("platform_coin_revenue"),
      asset: "COIN",
      amount: coins,
      code: "gift",
      linkedGroup: "gift",
    },
    {
      id: ids.diamond,
      debitAccountId: platform("platform_diamond_issuance"),
      creditAccountId: creatorHeld,
      asset: "DIAMOND",
      amount: coins / 2n,
      code: "gift_diamonds",
      linkedGroup: "gift",
    },
  ];
}
