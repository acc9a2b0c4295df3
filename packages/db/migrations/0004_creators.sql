CREATE TABLE "creator_channels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"creator_user_id" text NOT NULL,
	"platform" text NOT NULL,
	"channel" text NOT NULL,
	"followers" integer DEFAULT 0 NOT NULL,
	"verified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "creator_channels_platform_channel" UNIQUE("platform","channel"),
	CONSTRAINT "creator_channels_platform" CHECK ("creator_channels"."platform" in ('twitch', 'youtube', 'tiktok', 'kick'))
);
--> statement-breakpoint
CREATE TABLE "creators" (
	"user_id" text PRIMARY KEY NOT NULL,
	"handle" text NOT NULL,
	"tier" text DEFAULT 'standard' NOT NULL,
	"share_override_bps" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "creators_handle_unique" UNIQUE("handle"),
	CONSTRAINT "creators_tier" CHECK ("creators"."tier" in ('standard', 'partner')),
	CONSTRAINT "creators_handle" CHECK ("creators"."handle" ~ '^[a-z0-9][a-z0-9_.-]{1,29}$')
);
--> statement-breakpoint
CREATE INDEX "creator_channels_creator" ON "creator_channels" USING btree ("creator_user_id");