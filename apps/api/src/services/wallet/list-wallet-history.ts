import { toSafeInteger } from "@coinstream/core";
import { accountId, listAccountTransfers, type TransferCode } from "@coinstream/db";
import type { ViewerContext } from "../service-context.ts";
import { viewerWalletRef } from "./viewer-wallet.ts";

export interface WalletHistoryQuery {
  readonly cursor?: string | null;
  readonly limit: number;
  readonly codes?: readonly TransferCode[];
}

/** A page of the person's own wallet history, newest first; amounts signed from their side. */
export async function listWalletHistory(
  { sql, viewer: { userId } }: Pick<ViewerContext, "sql" | "viewer">,
  query: WalletHistoryQuery,
) {
  const walletId = accountId(viewerWalletRef(userId));
  const page = await listAccountTransfers(sql, {
    accountId: walletId,
    before: query.cursor ? BigInt(query.cursor) : null,
    limit: query.limit,
    ...(query.codes ? { codes: query.codes } : {}),
  });
  return {
    items: page.transfers.map((transfer) => ({
      id: transfer.id,
      code: transfer.code,
      phase: transfer.phase,
      coins: toSafeInteger(
        transfer.debitAccountId === walletId ? -transfer.amount : transfer.amount,
      ),
      at: transfer.createdAt.toISOString(),
      metadata: transfer.metadata,
    })),
    nextCursor: page.nextCursor === null ? null : page.nextCursor.toString(),
  };
}
