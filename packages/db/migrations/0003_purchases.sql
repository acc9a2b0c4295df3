CREATE TABLE "payment_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "purchases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"pack_id" text,
	"base_coins" bigint NOT NULL,
	"bonus_coins" bigint NOT NULL,
	"currency" text NOT NULL,
	"price_minor" bigint NOT NULL,
	"rate_card_version" text NOT NULL,
	"provider" text NOT NULL,
	"provider_session_id" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"paid_at" timestamp with time zone,
	CONSTRAINT "purchases_provider_session_id_unique" UNIQUE("provider_session_id"),
	CONSTRAINT "purchases_user_idempotency_key" UNIQUE("user_id","idempotency_key"),
	CONSTRAINT "purchases_status" CHECK ("purchases"."status" in ('pending', 'paid', 'failed')),
	CONSTRAINT "purchases_amounts" CHECK ("purchases"."base_coins" > 0 and "purchases"."bonus_coins" >= 0 and "purchases"."price_minor" > 0)
);
--> statement-breakpoint
CREATE INDEX "purchases_user_created" ON "purchases" USING btree ("user_id","created_at");