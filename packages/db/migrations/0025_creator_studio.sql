CREATE TABLE "boost_clicks" (
	"boost_id" uuid NOT NULL,
	"viewer_key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	CONSTRAINT "boost_clicks_boost_id_viewer_key_window_start_pk" PRIMARY KEY("boost_id","viewer_key","window_start")
);
--> statement-breakpoint
CREATE TABLE "boost_reach_minutes" (
	"boost_id" uuid NOT NULL,
	"minute" timestamp with time zone NOT NULL,
	"impressions" bigint DEFAULT 0 NOT NULL,
	"clicks" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "boost_reach_minutes_boost_id_minute_pk" PRIMARY KEY("boost_id","minute")
);
--> statement-breakpoint
CREATE TABLE "creator_live_signals" (
	"creator_user_id" text PRIMARY KEY NOT NULL,
	"live_since" timestamp with time zone NOT NULL,
	"last_live_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "overlay_settings" (
	"creator_user_id" text PRIMARY KEY NOT NULL,
	"settings" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "overlay_settings_object" CHECK (jsonb_typeof("overlay_settings"."settings") = 'object')
);
--> statement-breakpoint
ALTER TABLE "stream_sessions" ADD COLUMN "started_by" text DEFAULT 'manual' NOT NULL;--> statement-breakpoint
ALTER TABLE "stream_sessions" ADD COLUMN "ended_by" text;--> statement-breakpoint
ALTER TABLE "stream_sessions" ADD CONSTRAINT "stream_sessions_started_by" CHECK ("stream_sessions"."started_by" in ('manual', 'auto'));--> statement-breakpoint
ALTER TABLE "stream_sessions" ADD CONSTRAINT "stream_sessions_ended_by" CHECK ("stream_sessions"."ended_by" in ('manual', 'inactivity'));