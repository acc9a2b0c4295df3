CREATE TABLE "wallet_debts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"purchase_id" uuid NOT NULL,
	"coins_owed" bigint NOT NULL,
	"coins_settled" bigint DEFAULT 0 NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "wallet_debts_purchase_id_unique" UNIQUE("purchase_id"),
	CONSTRAINT "wallet_debts_amounts" CHECK ("wallet_debts"."coins_settled" >= 0 and "wallet_debts"."coins_settled" <= "wallet_debts"."coins_owed")
);
--> statement-breakpoint
ALTER TABLE "purchases" DROP CONSTRAINT "purchases_status";--> statement-breakpoint
ALTER TABLE "purchases" ADD COLUMN "payment_intent_id" text;--> statement-breakpoint
CREATE INDEX "wallet_debts_user" ON "wallet_debts" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "purchases" ADD CONSTRAINT "purchases_payment_intent_id_unique" UNIQUE("payment_intent_id");--> statement-breakpoint
ALTER TABLE "purchases" ADD CONSTRAINT "purchases_status" CHECK ("purchases"."status" in ('pending', 'paid', 'failed', 'refunded', 'disputed'));