CREATE TABLE "stream_boosts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"creator_user_id" text NOT NULL,
	"buyer_user_id" text NOT NULL,
	"minutes" integer NOT NULL,
	"coins" bigint NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "stream_boosts_creator_ends" ON "stream_boosts" USING btree ("creator_user_id","ends_at");