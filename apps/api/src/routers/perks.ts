import { z } from "zod";
import {
  archiveTier,
  defineTier,
  listOwnTiers,
  updateTier,
} from "../services/perks/manage-perk-tiers.ts";
import { getMyPerks, listPublicTiers } from "../services/perks/supporter-perks.ts";
import { creatorProcedure, publicProcedure, router, viewerProcedure } from "../trpc/init.ts";
import { countSchema, isoDateTimeSchema } from "./output-schemas.ts";
import { creatorHandleSchema } from "./targets.ts";

const tierIdSchema = z.uuid("a tier id is the id `define` or `tiers` returned");
// Loose bounds on raw input; validatePerkTier applies the real rules with clear messages.
const tierFields = {
  name: z.string().max(200),
  minCoins: z.number().int(),
  badge: z.string().max(100).nullish(),
  perkText: z.string().max(2_000).nullish(),
  perkUrl: z.string().max(2_000).nullish(),
};

/** A tier as supporters see it (`toPublicTier`). */
const publicTierSchema = z.strictObject({
  id: z.uuid(),
  name: z.string(),
  minCoins: countSchema,
  badge: z.string().nullable(),
});

/** A tier as its creator manages it (`toOwnTier`). */
const ownTierSchema = publicTierSchema.extend({
  perkText: z.string().nullable(),
  perkUrl: z.string().nullable(),
  createdAt: isoDateTimeSchema,
  archivedAt: isoDateTimeSchema.nullable(),
});

export const perksRouter = router({
  /** A creator's active supporter tiers by threshold (name, coins, badge; not the perks). */
  list: publicProcedure
    .input(z.object({ handle: creatorHandleSchema }))
    .output(z.strictObject({ handle: z.string(), tiers: z.array(publicTierSchema) }))
    .query(({ ctx, input }) => listPublicTiers(ctx, input)),

  /** The caller's coins given to a creator, the tiers they unlocked with their perks, and what is next. */
  mine: viewerProcedure
    .input(z.object({ handle: creatorHandleSchema }))
    .output(
      z.strictObject({
        handle: z.string(),
        coinsGiven: countSchema,
        tiers: z.array(
          publicTierSchema.extend({
            unlocked: z.boolean(),
            perkText: z.string().nullable(),
            perkUrl: z.string().nullable(),
          }),
        ),
        nextTier: publicTierSchema.extend({ coinsNeeded: countSchema }).nullable(),
      }),
    )
    .query(({ ctx, input }) => getMyPerks(ctx, input)),

  /** Creator: their own tiers with perks; archived ones with `includeArchived`. */
  tiers: creatorProcedure
    .input(
      z.object({ includeArchived: z.boolean().default(false) }).default({ includeArchived: false }),
    )
    .output(z.array(ownTierSchema))
    .query(({ ctx, input }) => listOwnTiers(ctx, input)),

  /** Creator: adds a tier (at most 10 active; each threshold once). */
  define: creatorProcedure
    .input(z.object(tierFields))
    .output(ownTierSchema)
    .mutation(({ ctx, input }) => defineTier(ctx, input)),

  /** Creator: changes an active tier; `null` clears badge, perk text or link. */
  update: creatorProcedure
    .input(z.object({ id: tierIdSchema, ...z.object(tierFields).partial().shape }))
    .output(ownTierSchema)
    .mutation(({ ctx, input }) => updateTier(ctx, input)),

  /** Creator: archives a tier; supporters stop seeing it, its history stays. */
  archive: creatorProcedure
    .input(z.object({ id: tierIdSchema }))
    .output(ownTierSchema)
    .mutation(({ ctx, input }) => archiveTier(ctx, input)),
});
