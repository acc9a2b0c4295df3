import { z } from "zod";
import { claimChannel } from "../services/channels/claim-channel.ts";
import { listChannels } from "../services/channels/list-channels.ts";
import { setChannelFollowers } from "../services/channels/set-channel-followers.ts";
import { unlinkChannel } from "../services/channels/unlink-channel.ts";
import { verifyChannel } from "../services/channels/verify-channel.ts";
import { creatorProcedure, router } from "../trpc/init.ts";
import { countSchema, isoDateTimeSchema } from "./output-schemas.ts";

const channelIdSchema = z.object({ channelId: z.uuid() });

const claimInputSchema = z.union([
  z.strictObject({ url: z.string().trim().min(3).max(2_048) }),
  z.strictObject({ website: z.string().trim().min(3).max(2_048) }),
]);

/** A claim as its creator sees it (`toChannelView`). */
const channelViewSchema = z.strictObject({
  id: z.uuid(),
  platform: z.enum(["twitch", "youtube", "tiktok", "kick", "web"]),
  channel: z.string(),
  url: z.string().nullable(),
  code: z.string().nullable(),
  verified: z.boolean(),
  verifiedAt: isoDateTimeSchema.nullable(),
  method: z.enum(["bio", "well_known", "meta_tag", "seed"]).nullable(),
  followers: countSchema,
  followersVerified: z.boolean(),
  followersReview: z.enum(["pending", "approved", "rejected"]).nullable(),
  followersCounted: z.boolean(),
  instructions: z.string().nullable(),
});

export const channelsRouter = router({
  /** Claims a stream channel (`{ url }`) or a website (`{ website }`) and issues its verification code. */
  add: creatorProcedure
    .input(claimInputSchema)
    .output(
      channelViewSchema.extend({
        created: z.boolean(),
        ownedByAnotherCreator: z.boolean(),
        notice: z.string().nullable(),
      }),
    )
    .mutation(({ ctx, input }) => claimChannel(ctx, input)),

  /** Reads the channel's page (bio) or the website (well-known file, meta tags) for the code. */
  verify: creatorProcedure
    .input(channelIdSchema.extend({ method: z.enum(["bio", "well_known", "meta_tag"]).optional() }))
    .output(channelViewSchema.extend({ moved: z.boolean(), alreadyVerified: z.boolean() }))
    .mutation(({ ctx, input }) => verifyChannel(ctx, input)),

  /** Enters the follower count of a verified channel whose page showed none (marked unverified). */
  setFollowers: creatorProcedure
    .input(channelIdSchema.extend({ followers: z.number().int().min(0).max(2_000_000_000) }))
    .output(channelViewSchema)
    .mutation(({ ctx, input }) => setChannelFollowers(ctx, input)),

  /** Unlinks a channel; the claim stays as history. */
  unlink: creatorProcedure
    .input(channelIdSchema)
    .output(z.strictObject({ id: z.uuid(), unlinkedAt: isoDateTimeSchema }))
    .mutation(({ ctx, input }) => unlinkChannel(ctx, input)),

  /** The caller's open claims, verified first, with codes and where to put them. */
  list: creatorProcedure.output(z.array(channelViewSchema)).query(({ ctx }) => listChannels(ctx)),
});
