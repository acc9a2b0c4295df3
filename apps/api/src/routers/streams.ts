import { TRPCError, tracked } from "@trpc/server";
import { z } from "zod";
import { followStream } from "../realtime/follow-stream.ts";
import { boostStream, listLiveStreams } from "../services/streams/boost-stream.ts";
import { getLeaderboard } from "../services/streams/get-leaderboard.ts";
import { requireCreator, resolveCreator } from "../services/streams/resolve-creator.ts";
import { publicProcedure, router, viewerProcedure } from "../trpc/init.ts";
import { int8CursorSchema } from "./bounded-inputs.ts";
import { countSchema, eligibilityReasonSchema } from "./output-schemas.ts";
import { idempotencyKeySchema, streamTargetSchema } from "./targets.ts";

export const streamsRouter = router({
  /** Which creator a stream page or handle belongs to, and whether they can receive gifts now (and why not). */
  resolve: publicProcedure
    .input(streamTargetSchema)
    .output(
      z.discriminatedUnion("found", [
        z.object({
          found: z.literal(true),
          creator: z.object({
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
        z.object({ found: z.literal(false), reason: z.string() }),
      ]),
    )
    .query(async ({ ctx, input }) => {
      const resolution = await resolveCreator(ctx.sql, input, ctx.now);
      if (!resolution.found) return resolution;
      const { creator } = resolution;
      // Public: the creator's handle, channel and readiness, nothing about their account.
      return {
        found: true as const,
        creator: {
          handle: creator.handle,
          channel: creator.channel,
          canReceive: creator.canReceive,
          reasons: creator.reasons,
        },
      };
    }),

  /**
   * A stream's public events (gifts with combos, tips with messages) over SSE. Each carries its
   * id (`tracked`), so a reconnecting client resumes after the last event it saw; a first
   * connection (no `lastEventId`) receives events from now on.
   */
  events: publicProcedure
    .input(
      z.object({
        to: streamTargetSchema,
        lastEventId: int8CursorSchema().nullish(),
      }),
    )
    .subscription(async function* ({ ctx, input, signal }) {
      const resolution = await resolveCreator(ctx.sql, input.to, ctx.now);
      if (!resolution.found) throw new TRPCError({ code: "NOT_FOUND", message: resolution.reason });
      const since = input.lastEventId == null ? null : BigInt(input.lastEventId);
      for await (const event of followStream(
        ctx.sql,
        ctx.events,
        resolution.creator.userId,
        since,
        signal,
      )) {
        yield tracked(event.id, event);
      }
    }),

  /** A stream's top supporters: this live stretch (the last hours) or all time. */
  leaderboard: publicProcedure
    .input(z.object({ to: streamTargetSchema, period: z.enum(["live", "all"]).default("live") }))
    .output(
      z.object({
        period: z.enum(["live", "all"]),
        entries: z.array(
          z.object({
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
    .query(async ({ ctx, input }) => {
      const creator = await requireCreator(ctx.sql, input.to, ctx.now);
      return {
        period: input.period,
        entries: await getLeaderboard(ctx, { creatorUserId: creator.userId, period: input.period }),
      };
    }),

  /** Buys minutes of promotion for a stream in discovery (boosts stack, up to the card's maximum). */
  boost: viewerProcedure
    .input(
      z.object({
        idempotencyKey: idempotencyKeySchema,
        to: streamTargetSchema,
        minutes: z.number().int().min(1).max(1_440),
        confirm: z.boolean().default(false),
        /** Boost a stream that is offline now (its minutes start at once); refused without it. */
        confirmOffline: z.boolean().default(false),
      }),
    )
    .mutation(({ ctx, input }) => boostStream(ctx.sql, ctx.ledger, ctx.viewer, input, ctx.now)),

  /** Live streams for discovery, ranked by recent gifting and active boosts. */
  live: publicProcedure.query(async ({ ctx }) => {
    return listLiveStreams(ctx.sql, ctx.now);
  }),
});
