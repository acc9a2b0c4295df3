import { type AccountRef, accountId, ensureAccounts, type Sql } from "@coinstream/db";

/** The ledger account holding a person's coins. */
export function viewerWalletRef(userId: string): AccountRef {
  return { ownerId: userId, purpose: "viewer_wallet" };
}

/** The wallet's account id, creating the account on first use. */
export async function ensureViewerWallet(sql: Sql, userId: string): Promise<string> {
  const [id] = await ensureAccounts(sql, [viewerWalletRef(userId)]);
  return id ?? accountId(viewerWalletRef(userId));
}
