CREATE TABLE "perk_unlocks" (
	"tier_id" uuid NOT NULL,
	"viewer_user_id" text NOT NULL,
	"min_coins" bigint NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "perk_unlocks_tier_id_viewer_user_id_pk" PRIMARY KEY("tier_id","viewer_user_id")
);
