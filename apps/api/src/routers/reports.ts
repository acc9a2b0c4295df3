import { REPORT_REASONS } from "@coinstream/core";
import { z } from "zod";
import { createReport } from "../services/reports/create-report.ts";
import { router, viewerProcedure } from "../trpc/init.ts";

const idSchema = z.string().trim().min(1).max(64);

export const reportsRouter = router({
  /**
   * Reports a creator (handle), a message or a tip (the stream event's id; a paid message's id
   * for its two parties) to the admins. One open report per target; 10 a day.
   */
  create: viewerProcedure
    .input(
      z.object({
        target: z.discriminatedUnion("kind", [
          z.object({ kind: z.literal("creator"), handle: z.string().trim().min(2).max(31) }),
          z.object({ kind: z.literal("message"), id: idSchema }),
          z.object({ kind: z.literal("tip"), id: idSchema }),
        ]),
        reason: z.enum(REPORT_REASONS),
        details: z.string().trim().max(1000).default(""),
      }),
    )
    .output(z.strictObject({ reportId: z.uuid(), status: z.literal("open") }))
    .mutation(({ ctx, input }) => createReport(ctx, input)),
});
