CREATE TABLE "age_checks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"provider" text NOT NULL,
	"provider_session_id" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "age_checks_provider_session" UNIQUE("provider_session_id"),
	CONSTRAINT "age_checks_status" CHECK ("age_checks"."status" in ('pending', 'verified', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "guardian_invites" (
	"id" uuid PRIMARY KEY NOT NULL,
	"inviter_user_id" text NOT NULL,
	"inviter_role" text NOT NULL,
	"invitee_email" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"resolution" text,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "guardian_invites_role" CHECK ("guardian_invites"."inviter_role" in ('guardian', 'supervised')),
	CONSTRAINT "guardian_invites_resolution" CHECK ("guardian_invites"."resolution" is null or "guardian_invites"."resolution" in ('accepted', 'declined', 'cancelled', 'expired'))
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "adult_verified_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "age_checks_user" ON "age_checks" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "guardian_invites_inviter" ON "guardian_invites" USING btree ("inviter_user_id","created_at");--> statement-breakpoint
CREATE INDEX "guardian_invites_invitee" ON "guardian_invites" USING btree ("invitee_email") WHERE "guardian_invites"."resolution" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "guardian_invites_open" ON "guardian_invites" USING btree ("inviter_user_id","invitee_email") WHERE "guardian_invites"."resolution" is null;--> statement-breakpoint
-- hand-written below
-- Pending links become invitations addressed to the awaited side's email, expiring 7 days after
-- they were made, so a stale or stranger's request no longer holds the account's guardian slot.
INSERT INTO "guardian_invites" ("id", "inviter_user_id", "inviter_role", "invitee_email", "created_at", "expires_at")
SELECT l."id",
       CASE WHEN l."awaiting" = 'supervised' THEN l."guardian_user_id" ELSE l."supervised_user_id" END,
       CASE WHEN l."awaiting" = 'supervised' THEN 'guardian' ELSE 'supervised' END,
       lower(u."email"),
       l."created_at",
       l."created_at" + interval '7 days'
FROM "guardian_links" l
JOIN "users" u
  ON u."id" = CASE WHEN l."awaiting" = 'supervised' THEN l."supervised_user_id" ELSE l."guardian_user_id" END
WHERE l."awaiting" IS NOT NULL
ON CONFLICT DO NOTHING;--> statement-breakpoint
DELETE FROM "guardian_links" WHERE "awaiting" IS NOT NULL;
