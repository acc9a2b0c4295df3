CREATE TABLE "payout_methods" (
	"user_id" text PRIMARY KEY NOT NULL,
	"method" text NOT NULL,
	"label" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payout_methods_method" CHECK ("payout_methods"."method" in ('bank', 'paypal', 'stripe'))
);
--> statement-breakpoint
CREATE TABLE "withdrawals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"diamonds" bigint NOT NULL,
	"method" text NOT NULL,
	"net_usd_minor" bigint NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"failure_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"settled_at" timestamp with time zone,
	CONSTRAINT "withdrawals_user_idempotency_key" UNIQUE("user_id","idempotency_key"),
	CONSTRAINT "withdrawals_status" CHECK ("withdrawals"."status" in ('pending', 'processing', 'paid', 'failed'))
);
--> statement-breakpoint
CREATE INDEX "withdrawals_user_created" ON "withdrawals" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "withdrawals_pending" ON "withdrawals" USING btree ("status") WHERE "withdrawals"."status" = 'pending';