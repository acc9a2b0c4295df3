import { z } from "zod";
import { exportWalletCsv } from "../services/wallet/export-wallet-csv.ts";
import { getWallet } from "../services/wallet/get-wallet.ts";
import { listWalletHistory } from "../services/wallet/list-wallet-history.ts";
import { router, viewerProcedure } from "../trpc/init.ts";
import { int8CursorSchema } from "./bounded-inputs.ts";

const historyCodeSchema = z.enum([
  "purchase",
  "bonus",
  "gift",
  "tip",
  "boost",
  "message",
  "unlock",
  "refund",
  "chargeback",
]);

export const walletRouter = router({
  /** The signed-in person's coins and gifter level. */
  get: viewerProcedure.query(({ ctx }) => getWallet(ctx.sql, ctx.viewer.userId)),

  /** The signed-in person's wallet history, newest first, keyset-paged by `cursor`. */
  history: viewerProcedure
    .input(
      z.object({
        cursor: int8CursorSchema("cursor must be a value returned as nextCursor").nullish(),
        limit: z.number().int().min(1).max(100).default(25),
        codes: z.array(historyCodeSchema).max(9).optional(),
      }),
    )
    .query(({ ctx, input }) => listWalletHistory(ctx.sql, ctx.viewer.userId, input)),

  /** The whole wallet history as a CSV file's text (up to 10,000 rows), for download. */
  exportCsv: viewerProcedure.query(({ ctx }) => exportWalletCsv(ctx.sql, ctx.viewer.userId)),
});
