CREATE TABLE "stream_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "stream_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"creator_user_id" text NOT NULL,
	"kind" text NOT NULL,
	"transfer_id" uuid NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stream_events_transfer_id_unique" UNIQUE("transfer_id"),
	CONSTRAINT "stream_events_kind" CHECK ("stream_events"."kind" in ('gift', 'tip'))
);
--> statement-breakpoint
CREATE INDEX "stream_events_creator" ON "stream_events" USING btree ("creator_user_id","id");