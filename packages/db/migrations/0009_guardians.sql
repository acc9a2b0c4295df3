CREATE TABLE "guardian_links" (
	"id" uuid PRIMARY KEY NOT NULL,
	"guardian_user_id" text NOT NULL,
	"supervised_user_id" text NOT NULL,
	"awaiting" text,
	"may_purchase" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"activated_at" timestamp with time zone,
	CONSTRAINT "guardian_links_awaiting" CHECK ("guardian_links"."awaiting" is null or "guardian_links"."awaiting" in ('guardian', 'supervised')),
	CONSTRAINT "guardian_links_distinct" CHECK ("guardian_links"."guardian_user_id" <> "guardian_links"."supervised_user_id")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "guardian_links_guardian" ON "guardian_links" USING btree ("guardian_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "guardian_links_supervised" ON "guardian_links" USING btree ("supervised_user_id");--> statement-breakpoint
CREATE INDEX "notifications_user" ON "notifications" USING btree ("user_id","created_at");