CREATE TABLE "promotions" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"bonus_bps" integer,
	"max_bonus_coins" bigint,
	"bonus_coins" bigint,
	"pack_ids" text[],
	"regions" text[],
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"per_account_limit" integer,
	"first_purchase_only" boolean DEFAULT false NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_by" text,
	CONSTRAINT "promotions_bonus" CHECK (("promotions"."bonus_bps" is null or "promotions"."bonus_coins" is null)
        and ("promotions"."bonus_bps" is null or "promotions"."bonus_bps" between 1 and 10000)
        and ("promotions"."bonus_coins" is null or "promotions"."bonus_coins" > 0)
        and ("promotions"."max_bonus_coins" is null or "promotions"."max_bonus_coins" > 0)
        and ("promotions"."per_account_limit" is null or "promotions"."per_account_limit" > 0)
        and ("promotions"."ends_at" is null or "promotions"."ends_at" >= "promotions"."starts_at"))
);
--> statement-breakpoint
CREATE TABLE "purchase_promotions" (
	"purchase_id" uuid NOT NULL,
	"promotion_id" text NOT NULL,
	"user_id" text NOT NULL,
	"offered_coins" bigint NOT NULL,
	"granted_coins" bigint,
	"decided_at" timestamp with time zone,
	CONSTRAINT "purchase_promotions_purchase_id_promotion_id_pk" PRIMARY KEY("purchase_id","promotion_id"),
	CONSTRAINT "purchase_promotions_amounts" CHECK ("purchase_promotions"."offered_coins" > 0 and ("purchase_promotions"."granted_coins" is null or "purchase_promotions"."granted_coins" between 0 and "purchase_promotions"."offered_coins"))
);
--> statement-breakpoint
CREATE TABLE "support_messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"author_user_id" text NOT NULL,
	"author_role" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_messages_author_role" CHECK ("support_messages"."author_role" in ('user', 'support'))
);
--> statement-breakpoint
CREATE TABLE "support_tickets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"subject" text NOT NULL,
	"tier" text NOT NULL,
	"priority" integer NOT NULL,
	"expected_answer_hours" integer NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" text,
	CONSTRAINT "support_tickets_status" CHECK ("support_tickets"."status" in ('open', 'answered', 'closed'))
);
--> statement-breakpoint
CREATE INDEX "promotions_ends_at" ON "promotions" USING btree ("ends_at");--> statement-breakpoint
CREATE INDEX "purchase_promotions_user" ON "purchase_promotions" USING btree ("user_id","promotion_id");--> statement-breakpoint
CREATE INDEX "support_messages_ticket" ON "support_messages" USING btree ("ticket_id","created_at");--> statement-breakpoint
CREATE INDEX "support_tickets_user" ON "support_tickets" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "support_tickets_queue" ON "support_tickets" USING btree ("status","priority","created_at");--> statement-breakpoint
-- hand-written below
-- The first-purchase bonus as a promotion: the rate card's percentage, once per account, no end.
INSERT INTO "promotions" ("id", "name", "starts_at", "per_account_limit", "first_purchase_only", "created_by")
VALUES ('first-purchase', 'First purchase bonus', '1970-01-01T00:00:00Z', 1, true, 'system')
ON CONFLICT ("id") DO NOTHING;
--> statement-breakpoint
-- Purchases checked out before promotions were stored: their first-purchase offer becomes a row,
-- decided already unless the purchase is still open (granted if it was paid, else refused).
INSERT INTO "purchase_promotions" ("purchase_id", "promotion_id", "user_id", "offered_coins", "granted_coins", "decided_at")
SELECT "id", 'first-purchase', "user_id", "first_purchase_bonus_coins",
       CASE WHEN "status" IN ('pending', 'processing') THEN NULL
            WHEN "status" IN ('paid', 'refunded', 'disputed') THEN "first_purchase_bonus_coins" ELSE 0 END,
       CASE WHEN "status" IN ('pending', 'processing') THEN NULL ELSE coalesce("paid_at", "created_at") END
FROM "purchases" WHERE "first_purchase_bonus_coins" > 0
ON CONFLICT DO NOTHING;
