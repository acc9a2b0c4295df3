CREATE TABLE "creator_share_carries" (
	"creator_user_id" text NOT NULL,
	"share_bps" integer NOT NULL,
	"lane" smallint NOT NULL,
	"coins" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "creator_share_carries_creator_user_id_share_bps_lane_pk" PRIMARY KEY("creator_user_id","share_bps","lane"),
	CONSTRAINT "creator_share_carries_coins" CHECK ("creator_share_carries"."coins" >= 0)
);
