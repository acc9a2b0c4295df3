import type { TransferCode } from "@coinstream/db";
import { z } from "zod";
import { exportWalletCsv } from "../services/wallet/export-wallet-csv.ts";
import { getWallet } from "../services/wallet/get-wallet.ts";
import { listWalletHistory } from "../services/wallet/list-wallet-history.ts";
import { router, viewerProcedure } from "../trpc/init.ts";
import { int8CursorSchema } from "./bounded-inputs.ts";
import { countSchema, csvFileSchema, isoDateTimeSchema } from "./output-schemas.ts";

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
  get: viewerProcedure
    .output(
      z.strictObject({
        coins: countSchema,
        reservedCoins: countSchema,
        lifetimeGiftedCoins: countSchema,
        level: z.strictObject({
          level: countSchema,
          badge: z.enum(["bronze", "silver", "gold", "platinum", "diamond", "legend"]),
          currentThresholdCoins: countSchema,
          nextThresholdCoins: countSchema.nullable(),
          coinsToNextLevel: countSchema.nullable(),
          progressBps: countSchema,
        }),
      }),
    )
    .query(({ ctx }) => getWallet(ctx)),

  /** The signed-in person's wallet history, newest first, keyset-paged by `cursor`. */
  history: viewerProcedure
    .input(
      z.object({
        cursor: int8CursorSchema("cursor must be a value returned as nextCursor").nullish(),
        limit: z.number().int().min(1).max(100).default(25),
        codes: z.array(historyCodeSchema).max(9).optional(),
      }),
    )
    .output(
      z.strictObject({
        items: z.array(
          z.strictObject({
            id: z.string(),
            code: z.custom<TransferCode>((code) => typeof code === "string"),
            phase: z.enum(["single", "pending", "post_pending", "void_pending"]),
            coins: countSchema,
            at: isoDateTimeSchema,
            metadata: z.record(z.string(), z.unknown()),
          }),
        ),
        nextCursor: z.string().nullable(),
      }),
    )
    .query(({ ctx, input }) => listWalletHistory(ctx, input)),

  /** The whole wallet history as a CSV file's text (up to 10,000 rows), for download. */
  exportCsv: viewerProcedure.output(csvFileSchema).query(({ ctx }) => exportWalletCsv(ctx)),
});
