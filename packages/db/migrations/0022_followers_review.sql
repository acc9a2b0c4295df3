ALTER TABLE "creator_channels" ADD COLUMN "followers_review" text;--> statement-breakpoint
ALTER TABLE "creator_channels" ADD COLUMN "followers_counted" boolean GENERATED ALWAYS AS (followers_verified or coalesce(followers_review = 'approved', false)) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "creator_channels" ADD CONSTRAINT "creator_channels_followers_review" CHECK ("creator_channels"."followers_review" in ('pending', 'approved', 'rejected'));--> statement-breakpoint
-- hand-written below
-- Counts the demo seeding wrote stood for counts read from the platform.
UPDATE "creator_channels" SET "followers_verified" = true WHERE "verification_method" = 'seed';--> statement-breakpoint
-- Counts creators entered before entered counts were reviewed wait for the review like new ones.
UPDATE "creator_channels" SET "followers_review" = 'pending'
WHERE NOT "followers_verified" AND "verified_at" IS NOT NULL AND EXISTS (
  SELECT 1 FROM "channel_audit" a
  WHERE a."action" = 'followers_entered' AND a."details"->>'claimId' = "creator_channels"."id"::text);
