CREATE TABLE "creator_strikes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"creator_user_id" text NOT NULL,
	"reason" text NOT NULL,
	"report_id" uuid,
	"issued_by" text NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "guidelines_acceptances" (
	"user_id" text NOT NULL,
	"version" integer NOT NULL,
	"accepted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guidelines_acceptances_user_id_version_pk" PRIMARY KEY("user_id","version")
);
--> statement-breakpoint
CREATE TABLE "guidelines_versions" (
	"version" integer PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"effective_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" text
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reporter_user_id" text NOT NULL,
	"target_kind" text NOT NULL,
	"target_id" text NOT NULL,
	"subject_user_id" text NOT NULL,
	"reason" text NOT NULL,
	"details" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" text,
	"resolution_note" text,
	CONSTRAINT "reports_target_kind" CHECK ("reports"."target_kind" in ('creator', 'message', 'tip')),
	CONSTRAINT "reports_status" CHECK ("reports"."status" in ('open', 'dismissed', 'strike_issued'))
);
--> statement-breakpoint
CREATE TABLE "strike_appeals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"strike_id" uuid NOT NULL,
	"creator_user_id" text NOT NULL,
	"message" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decision" text,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	"note" text,
	CONSTRAINT "strike_appeals_strike_id_unique" UNIQUE("strike_id"),
	CONSTRAINT "strike_appeals_decision" CHECK ("strike_appeals"."decision" in ('upheld', 'withdrawn'))
);
--> statement-breakpoint
CREATE INDEX "creator_strikes_creator" ON "creator_strikes" USING btree ("creator_user_id","issued_at");--> statement-breakpoint
CREATE UNIQUE INDEX "reports_one_open_per_target" ON "reports" USING btree ("reporter_user_id","target_kind","target_id") WHERE "reports"."status" = 'open';--> statement-breakpoint
CREATE INDEX "reports_reporter_time" ON "reports" USING btree ("reporter_user_id","created_at");--> statement-breakpoint
CREATE INDEX "reports_status_time" ON "reports" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "strike_appeals_open" ON "strike_appeals" USING btree ("created_at") WHERE "strike_appeals"."decision" is null;--> statement-breakpoint
-- hand-written below
-- The first version of the community guidelines; later versions are published by admins.
INSERT INTO "guidelines_versions" ("version", "title", "body") VALUES (1, 'Community guidelines',
'# Coinstream community guidelines

Coinstream exists so viewers can support creators. Keep it a place people want to be.

- **Be respectful.** No harassment, hate, threats or bullying, in tips, messages or on stream.
- **Keep it legal and safe.** No sexual content involving minors, no violence, no self-harm encouragement.
- **Be honest.** No scams, no impersonation, no asking for gifts in exchange for something you will not deliver.
- **Gifts are gifts.** Never pressure minors or anyone else to spend; never offer coins or diamonds for cash outside Coinstream.

Viewers can report a creator, a message or a tip. Admins review reports and may issue strikes.
Three active strikes within 90 days stop a creator receiving gifts for 14 days. A creator may
appeal each strike once; a withdrawn strike stops counting at once.');
--> statement-breakpoint
-- Creator resolution is cached per process (0024_cache_invalidation): a strike, its withdrawal,
-- a creator's acceptance and a new version change whether a creator may receive, so they
-- announce it like the other eligibility facts. A version published ahead takes effect without
-- a write: the cache's TTL (60 s) bounds how long a cached creator may still look accepted.
CREATE OR REPLACE FUNCTION coinstream_invalidate_creator_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('coinstream_invalidate', 'u:' || (CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END).creator_user_id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION coinstream_invalidate_accepting_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('coinstream_invalidate', 'u:' || NEW.user_id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER creator_strikes_invalidate AFTER INSERT OR UPDATE OR DELETE ON creator_strikes FOR EACH ROW
  EXECUTE FUNCTION coinstream_invalidate_creator_user();
--> statement-breakpoint
CREATE TRIGGER guidelines_acceptances_invalidate AFTER INSERT ON guidelines_acceptances FOR EACH ROW
  EXECUTE FUNCTION coinstream_invalidate_accepting_user();
--> statement-breakpoint
CREATE TRIGGER guidelines_versions_invalidate AFTER INSERT ON guidelines_versions FOR EACH ROW
  EXECUTE FUNCTION coinstream_invalidate_creators();
--> statement-breakpoint
-- Accounts that existed before the guidelines did are recorded as accepting version 1: they
-- signed up under the product's terms, and refusing every existing creator's gifts on the day
-- this ships would punish creators for a deploy. Every later version is accepted in person.
INSERT INTO "guidelines_acceptances" ("user_id", "version") SELECT "id", 1 FROM "users" ON CONFLICT DO NOTHING;
