import { z } from "zod";
import { DEFAULT_CHANNEL_VERIFIER_CONFIG } from "../services/channels/channel-verifier-config.ts";
import { claimChannel } from "../services/channels/claim-channel.ts";
import { listChannels } from "../services/channels/list-channels.ts";
import { setChannelFollowers } from "../services/channels/set-channel-followers.ts";
import { unlinkChannel } from "../services/channels/unlink-channel.ts";
import { verifyChannel } from "../services/channels/verify-channel.ts";
import { router, viewerProcedure } from "../trpc/init.ts";

const channelIdSchema = z.object({ channelId: z.uuid() });

const claimInputSchema = z.union([
  z.strictObject({ url: z.string().trim().min(3).max(2_048) }),
  z.strictObject({ website: z.string().trim().min(3).max(2_048) }),
]);

export const channelsRouter = router({
  /** Claims a stream channel (`{ url }`) or a website (`{ website }`) and issues its verification code. */
  add: viewerProcedure
    .input(claimInputSchema)
    .mutation(({ ctx, input }) =>
      claimChannel(
        ctx.sql,
        ctx.viewer,
        input,
        ctx.channelVerifier ?? DEFAULT_CHANNEL_VERIFIER_CONFIG,
      ),
    ),

  /** Reads the channel's page (bio) or the website (well-known file, meta tags) for the code. */
  verify: viewerProcedure
    .input(channelIdSchema.extend({ method: z.enum(["bio", "well_known", "meta_tag"]).optional() }))
    .mutation(({ ctx, input }) =>
      verifyChannel(
        ctx.sql,
        ctx.viewer,
        input,
        ctx.channelVerifier ?? DEFAULT_CHANNEL_VERIFIER_CONFIG,
        ctx.now,
      ),
    ),

  /** Enters the follower count of a verified channel whose page showed none (marked unverified). */
  setFollowers: viewerProcedure
    .input(channelIdSchema.extend({ followers: z.number().int().min(0).max(2_000_000_000) }))
    .mutation(({ ctx, input }) => setChannelFollowers(ctx.sql, ctx.viewer, input)),

  /** Unlinks a channel; the claim stays as history. */
  unlink: viewerProcedure
    .input(channelIdSchema)
    .mutation(({ ctx, input }) => unlinkChannel(ctx.sql, ctx.viewer, input, ctx.now)),

  /** The caller's open claims, verified first, with codes and where to put them. */
  list: viewerProcedure.query(({ ctx }) => listChannels(ctx.sql, ctx.viewer)),
});
