import { z } from "zod";
import { publishGuidelines } from "../services/guidelines/publish-guidelines.ts";
import { listReports, resolveReport } from "../services/reports/review-reports.ts";
import { decideAppeal, listOpenAppeals } from "../services/strikes/appeal-strike.ts";
import { issueStrike } from "../services/strikes/issue-strike.ts";
import { adminProcedure } from "../trpc/init.ts";
import { storableDateTimeSchema } from "./bounded-inputs.ts";
import { countSchema, isoDateTimeSchema } from "./output-schemas.ts";

const noteSchema = z.string().trim().min(3).max(500);

const reportSchema = z.strictObject({
  reportId: z.uuid(),
  reporterUserId: z.string(),
  target: z.strictObject({ kind: z.string(), id: z.string() }),
  subjectUserId: z.string(),
  subjectHandle: z.string().nullable(),
  reason: z.string(),
  details: z.string(),
  status: z.string(),
  createdAt: isoDateTimeSchema,
  resolvedAt: isoDateTimeSchema.nullable(),
  resolutionNote: z.string().nullable(),
  openReportsOnSubject: countSchema,
});

const appealSchema = z.strictObject({
  appealId: z.uuid(),
  strikeId: z.uuid(),
  creatorUserId: z.string(),
  handle: z.string(),
  message: z.string(),
  appealedAt: isoDateTimeSchema,
  strikeReason: z.string(),
  strikeIssuedAt: isoDateTimeSchema,
});

/** The admin side of the community guidelines, spread into the `admin` router; all audited. */
export const adminCommunityProcedures = {
  /** Reports: open ones oldest first, or resolved ones newest first. */
  reports: adminProcedure
    .input(
      z
        .object({
          status: z.enum(["open", "resolved"]).default("open"),
          limit: z.number().int().min(1).max(200).default(50),
        })
        .default({ status: "open", limit: 50 }),
    )
    .output(z.array(reportSchema))
    .query(({ ctx, input }) => listReports(ctx, input)),

  /** Closes an open report: dismissed, or a strike against the creator it names (`note` is the reason). */
  resolveReport: adminProcedure
    .input(
      z.object({ reportId: z.uuid(), outcome: z.enum(["dismissed", "strike"]), note: noteSchema }),
    )
    .output(
      z.strictObject({ reportId: z.uuid(), status: z.string(), strikeId: z.uuid().nullable() }),
    )
    .mutation(({ ctx, input }) => resolveReport(ctx, input)),

  /** A strike against a creator without a report. Three in 90 days suspend receiving for 14 days. */
  issueStrike: adminProcedure
    .input(z.object({ handle: z.string().trim().min(2).max(31), reason: noteSchema }))
    .output(z.strictObject({ strikeId: z.uuid(), issuedAt: isoDateTimeSchema }))
    .mutation(({ ctx, input }) => issueStrike(ctx, input)),

  /** Strike appeals waiting for a decision, oldest first. */
  appeals: adminProcedure.output(z.array(appealSchema)).query(({ ctx }) => listOpenAppeals(ctx)),

  /** Upholds an appealed strike, or withdraws it (it stops counting at once). */
  decideAppeal: adminProcedure
    .input(
      z.object({ appealId: z.uuid(), decision: z.enum(["uphold", "withdraw"]), note: noteSchema }),
    )
    .output(z.strictObject({ appealId: z.uuid(), strikeId: z.uuid(), decision: z.string() }))
    .mutation(({ ctx, input }) => decideAppeal(ctx, input)),

  /** Publishes the next version of the community guidelines; everyone accepts it before spending. */
  publishGuidelines: adminProcedure
    .input(
      z.object({
        title: z.string().trim().min(3).max(120),
        body: z.string().trim().min(20).max(20_000),
        /** When acceptance becomes required (now when omitted): announce a change ahead. */
        effectiveAt: storableDateTimeSchema.optional(),
      }),
    )
    .output(z.strictObject({ version: countSchema, effectiveAt: isoDateTimeSchema }))
    .mutation(({ ctx, input }) =>
      publishGuidelines(ctx, {
        ...input,
        effectiveAt: input.effectiveAt ? new Date(input.effectiveAt) : undefined,
      }),
    ),
};
