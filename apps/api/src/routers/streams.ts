import { TRPCError, tracked } from "@trpc/server";
import { z } from "zod";
import { followStream } from "../realtime/follow-stream.ts";
import { readStreamCursor } from "../realtime/read-stream-cursor.ts";
import { MAX_RESUME_LENGTH, parseResumePoint } from "../realtime/stream-cursor.ts";
import { boostStream } from "../services/streams/boost-stream.ts";
import { getStreamLeaderboard } from "../services/streams/get-leaderboard.ts";
import { listLiveStreams } from "../services/streams/list-live-streams.ts";
import { resolveCreator, resolvePublicCreator } from "../services/streams/resolve-creator.ts";
import { openListedStream } from "../services/studio/boost-reach.ts";
import { reportPageLive } from "../services/studio/live-sessions.ts";
import { publicProcedure, router, viewerProcedure } from "../trpc/init.ts";
import { spendProcedure } from "../trpc/spend-procedure.ts";
import { countSchema, eligibilityReasonSchema, isoDateTimeSchema } from "./output-schemas.ts";
import { creatorHandleSchema, spendInputSchema, streamTargetSchema } from "./targets.ts";

export const streamsRouter = router({
  /** Which creator a stream page or handle belongs to, and whether they can receive gifts now (and why not). */
  resolve: publicProcedure
    .input(streamTargetSchema)
    .output(
      z.discriminatedUnion("found", [
        z.strictObject({
          found: z.literal(true),
          creator: z.strictObject({
            handle: z.string(),
            channel: z
              .object({
                platform: z.string(),
                channel: z.string(),
                verified: z.boolean(),
                followers: countSchema,
                followersVerified: z.boolean(),
              })
              .nullable(),
            canReceive: z.boolean(),
            reasons: z.array(eligibilityReasonSchema).readonly(),
          }),
        }),
        z.strictObject({ found: z.literal(false), reason: z.string() }),
      ]),
    )
    .query(({ ctx, input }) => resolvePublicCreator(ctx, input)),

  /**
   * A stream's public events (gifts with combos, tips with messages, goals) over SSE, from the
   * same hub and with the same cursors as `GET /streams/<handle>/events`. Each item is `tracked`
   * with the cursor just after it (`c1.<xmin>.<ids>`), so a reconnecting client resumes exactly
   * where it left off, even past a transaction that committed late; a numeric event id from
   * older clients is still accepted. A first connection (no `lastEventId`) starts from now, with
   * a `connected` item carrying its cursor; `reset` means it was too far behind: start again.
   */
  events: publicProcedure
    .input(
      z.object({
        to: streamTargetSchema,
        lastEventId: z
          .string()
          .max(MAX_RESUME_LENGTH)
          .refine((text) => parseResumePoint(text) !== null, "must be an id this stream sent")
          .nullish(),
      }),
    )
    .subscription(async function* ({ ctx, input, signal }) {
      const resolution = await resolveCreator(ctx.sql, input.to, ctx.now);
      if (!resolution.found) throw new TRPCError({ code: "NOT_FOUND", message: resolution.reason });
      const { userId } = resolution.creator;
      const from =
        (input.lastEventId == null ? null : parseResumePoint(input.lastEventId)) ??
        ({ kind: "cursor", cursor: await readStreamCursor(ctx.sql, userId) } as const);
      for await (const item of followStream(ctx.events, userId, from, signal)) {
        yield tracked(item.id, item.data);
      }
    }),

  /** A stream's top supporters: this live stretch (the last hours) or all time. */
  leaderboard: publicProcedure
    .input(z.object({ to: streamTargetSchema, period: z.enum(["live", "all"]).default("live") }))
    .output(
      z.strictObject({
        period: z.enum(["live", "all"]),
        entries: z.array(
          z.strictObject({
            rank: countSchema,
            name: z.string(),
            coins: countSchema,
            gifts: countSchema,
            viewerStyle: z
              .object({ badgeFrame: z.string().nullable(), nameColor: z.string().nullable() })
              .optional(),
          }),
        ),
      }),
    )
    .query(({ ctx, input }) => getStreamLeaderboard(ctx, input)),

  /** Buys minutes of promotion for a stream in discovery (boosts stack, up to the card's maximum). */
  boost: spendProcedure
    .input(
      spendInputSchema.extend({
        to: streamTargetSchema,
        minutes: z.number().int().min(1).max(1_440),
        /** Boost a stream that is offline now (its minutes start at once); refused without it. */
        confirmOffline: z.boolean().default(false),
      }),
    )
    .output(
      z.strictObject({
        handle: z.string(),
        coinsSpent: countSchema,
        /** When the stacked boost ends; null only if a replayed boost's row is missing. */
        boostEndsAt: isoDateTimeSchema.nullable(),
        replayed: z.boolean(),
      }),
    )
    .mutation(({ ctx, input }) => boostStream(ctx, input)),

  /**
   * Live streams for discovery, ranked by recent gifting and active boosts. A signed-in viewer's
   * listing counts an impression for each boosted stream (once per boost per 30 minutes).
   */
  live: publicProcedure
    .output(
      z.array(
        z.strictObject({
          handle: z.string(),
          title: z.string().nullable(),
          liveSince: isoDateTimeSchema,
          score: z.number(),
          boosted: z.boolean(),
          boostEndsAt: isoDateTimeSchema.nullable(),
        }),
      ),
    )
    .query(({ ctx }) => listLiveStreams(ctx)),

  /**
   * A viewer opens a stream from the listing: where to go, and a click through for its running
   * boost (signed-in viewers, once per boost per 30 minutes).
   */
  open: publicProcedure
    .input(z.object({ handle: creatorHandleSchema }))
    .output(
      z.strictObject({
        handle: z.string(),
        url: z.string().nullable(),
        boosted: z.boolean(),
        counted: z.boolean(),
      }),
    )
    .mutation(({ ctx, input }) => openListedStream(ctx, input)),

  /**
   * The extension on a creator's stream page says the stream is live (repeated every minute while
   * it is): a viewer event then starts a session by itself, and the session stays open while the
   * reports go on. Signed-in viewers only.
   */
  reportLive: viewerProcedure
    .input(z.object({ to: streamTargetSchema }))
    .output(z.strictObject({ reported: z.literal(true) }))
    .mutation(({ ctx, input }) => reportPageLive(ctx, input)),
});
