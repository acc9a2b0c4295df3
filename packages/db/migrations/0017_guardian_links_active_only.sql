ALTER TABLE "guardian_links" DROP CONSTRAINT "guardian_links_awaiting";--> statement-breakpoint
ALTER TABLE "guardian_links" DROP COLUMN "awaiting";