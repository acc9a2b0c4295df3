CREATE TABLE "admin_audit" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"admin_user_id" text NOT NULL,
	"action" text NOT NULL,
	"target_type" text,
	"target_id" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_progress" (
	"name" text PRIMARY KEY NOT NULL,
	"folded_below" "xid8" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_audit" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"platform" text NOT NULL,
	"channel" text NOT NULL,
	"action" text NOT NULL,
	"from_creator_user_id" text,
	"to_creator_user_id" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "channel_audit_action" CHECK ("channel_audit"."action" in ('claimed', 'verified', 'moved', 'unlinked', 'followers_entered'))
);
--> statement-breakpoint
CREATE TABLE "creator_blocks" (
	"creator_user_id" text NOT NULL,
	"blocked_user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "creator_blocks_creator_user_id_blocked_user_id_pk" PRIMARY KEY("creator_user_id","blocked_user_id")
);
--> statement-breakpoint
CREATE TABLE "creator_daily_gifters" (
	"creator_user_id" text NOT NULL,
	"day" date NOT NULL,
	"viewer_user_id" text NOT NULL,
	CONSTRAINT "creator_daily_gifters_creator_user_id_day_viewer_user_id_pk" PRIMARY KEY("creator_user_id","day","viewer_user_id")
);
--> statement-breakpoint
CREATE TABLE "creator_hourly_totals" (
	"creator_user_id" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"gift_id" text DEFAULT '' NOT NULL,
	"events" bigint DEFAULT 0 NOT NULL,
	"items" bigint DEFAULT 0 NOT NULL,
	"coins" bigint DEFAULT 0 NOT NULL,
	"diamonds" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "creator_hourly_totals_creator_user_id_hour_kind_gift_id_pk" PRIMARY KEY("creator_user_id","hour","kind","gift_id")
);
--> statement-breakpoint
CREATE TABLE "creator_supporters" (
	"creator_user_id" text NOT NULL,
	"viewer_user_id" text NOT NULL,
	"viewer_name" text NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"events" bigint DEFAULT 0 NOT NULL,
	"coins" bigint DEFAULT 0 NOT NULL,
	"diamonds" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "creator_supporters_creator_user_id_viewer_user_id_pk" PRIMARY KEY("creator_user_id","viewer_user_id")
);
--> statement-breakpoint
CREATE TABLE "paid_messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"creator_user_id" text NOT NULL,
	"sender_user_id" text NOT NULL,
	"sender_name" text NOT NULL,
	"body" text NOT NULL,
	"coins" bigint NOT NULL,
	"diamonds" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	"reply" text,
	"replied_at" timestamp with time zone,
	"hidden_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "perk_tiers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"creator_user_id" text NOT NULL,
	"name" text NOT NULL,
	"min_coins" bigint NOT NULL,
	"badge" text,
	"perk_text" text,
	"perk_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "perk_tiers_min_coins" CHECK ("perk_tiers"."min_coins" > 0)
);
--> statement-breakpoint
CREATE TABLE "rate_card_activations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" text NOT NULL,
	"active_from" timestamp with time zone NOT NULL,
	"published_by" text NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stream_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"creator_user_id" text NOT NULL,
	"title" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"goal_coins" bigint,
	"goal_title" text,
	"goal_reached_at" timestamp with time zone,
	"events" bigint DEFAULT 0 NOT NULL,
	"coins" bigint DEFAULT 0 NOT NULL,
	"diamonds" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "viewer_cosmetics" (
	"user_id" text NOT NULL,
	"item_id" text NOT NULL,
	"transfer_id" uuid NOT NULL,
	"coins" bigint NOT NULL,
	"acquired_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "viewer_cosmetics_user_id_item_id_pk" PRIMARY KEY("user_id","item_id"),
	CONSTRAINT "viewer_cosmetics_transfer_id_unique" UNIQUE("transfer_id")
);
--> statement-breakpoint
CREATE TABLE "viewer_profiles" (
	"user_id" text PRIMARY KEY NOT NULL,
	"badge_frame" text,
	"name_color" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "creator_channels" DROP CONSTRAINT "creator_channels_platform_channel";--> statement-breakpoint
ALTER TABLE "creator_channels" DROP CONSTRAINT "creator_channels_platform";--> statement-breakpoint
ALTER TABLE "stream_events" DROP CONSTRAINT "stream_events_kind";--> statement-breakpoint
ALTER TABLE "withdrawals" DROP CONSTRAINT "withdrawals_status";--> statement-breakpoint
ALTER TABLE "stream_events" ALTER COLUMN "transfer_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "creator_channels" ADD COLUMN "url" text;--> statement-breakpoint
ALTER TABLE "creator_channels" ADD COLUMN "verification_code" text;--> statement-breakpoint
ALTER TABLE "creator_channels" ADD COLUMN "verification_method" text;--> statement-breakpoint
ALTER TABLE "creator_channels" ADD COLUMN "followers_verified" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "creator_channels" ADD COLUMN "unlinked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "creators" ADD COLUMN "overlay_key" text;--> statement-breakpoint
ALTER TABLE "creators" ADD COLUMN "message_price_coins" integer DEFAULT 100 NOT NULL;--> statement-breakpoint
ALTER TABLE "payout_methods" ADD COLUMN "provider_account" text;--> statement-breakpoint
ALTER TABLE "stream_boosts" ADD COLUMN "expired_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "stream_events" ADD COLUMN "coins" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "stream_events" ADD COLUMN "diamonds" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "stream_events" ADD COLUMN "session_id" uuid;--> statement-breakpoint
ALTER TABLE "stream_events" ADD COLUMN "tx" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "role" text DEFAULT 'viewer' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "frozen_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "frozen_reason" text;--> statement-breakpoint
ALTER TABLE "withdrawals" ADD COLUMN "flag_reason" text;--> statement-breakpoint
ALTER TABLE "withdrawals" ADD COLUMN "reviewed_by" text;--> statement-breakpoint
ALTER TABLE "withdrawals" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "withdrawals" ADD COLUMN "claimed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "withdrawals" ADD COLUMN "provider_ref" text;--> statement-breakpoint
CREATE INDEX "admin_audit_at" ON "admin_audit" USING btree ("at");--> statement-breakpoint
CREATE INDEX "channel_audit_channel" ON "channel_audit" USING btree ("platform","channel","at");--> statement-breakpoint
CREATE INDEX "creator_supporters_top" ON "creator_supporters" USING btree ("creator_user_id","coins");--> statement-breakpoint
CREATE INDEX "creator_supporters_first" ON "creator_supporters" USING btree ("creator_user_id","first_at");--> statement-breakpoint
CREATE INDEX "paid_messages_creator" ON "paid_messages" USING btree ("creator_user_id","created_at");--> statement-breakpoint
CREATE INDEX "paid_messages_sender" ON "paid_messages" USING btree ("sender_user_id","created_at");--> statement-breakpoint
CREATE INDEX "perk_tiers_creator" ON "perk_tiers" USING btree ("creator_user_id");--> statement-breakpoint
CREATE INDEX "rate_card_activations_from" ON "rate_card_activations" USING btree ("active_from");--> statement-breakpoint
CREATE INDEX "stream_sessions_creator" ON "stream_sessions" USING btree ("creator_user_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "stream_sessions_one_live" ON "stream_sessions" USING btree ("creator_user_id") WHERE "stream_sessions"."ended_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "creator_channels_owner" ON "creator_channels" USING btree ("platform","channel") WHERE "creator_channels"."verified_at" is not null and "creator_channels"."unlinked_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "creator_channels_open_claim" ON "creator_channels" USING btree ("creator_user_id","platform","channel") WHERE "creator_channels"."unlinked_at" is null;--> statement-breakpoint
CREATE INDEX "stream_events_tx" ON "stream_events" USING btree ("tx");--> statement-breakpoint
CREATE INDEX "stream_events_creator_viewer" ON "stream_events" USING btree ("creator_user_id","viewer_user_id","created_at");--> statement-breakpoint
ALTER TABLE "creators" ADD CONSTRAINT "creators_overlay_key_unique" UNIQUE("overlay_key");--> statement-breakpoint
ALTER TABLE "creator_channels" ADD CONSTRAINT "creator_channels_method" CHECK ("creator_channels"."verification_method" in ('bio', 'well_known', 'meta_tag', 'seed'));--> statement-breakpoint
ALTER TABLE "creator_channels" ADD CONSTRAINT "creator_channels_platform" CHECK ("creator_channels"."platform" in ('twitch', 'youtube', 'tiktok', 'kick', 'web'));--> statement-breakpoint
ALTER TABLE "stream_events" ADD CONSTRAINT "stream_events_kind" CHECK ("stream_events"."kind" in ('gift', 'tip', 'message', 'goal'));--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_role" CHECK ("users"."role" in ('viewer', 'admin'));--> statement-breakpoint
ALTER TABLE "withdrawals" ADD CONSTRAINT "withdrawals_status" CHECK ("withdrawals"."status" in ('review', 'pending', 'processing', 'paid', 'failed'));