ALTER TABLE "stream_events" ADD COLUMN "viewer_user_id" text;--> statement-breakpoint
CREATE INDEX "stream_events_creator_time" ON "stream_events" USING btree ("creator_user_id","created_at");