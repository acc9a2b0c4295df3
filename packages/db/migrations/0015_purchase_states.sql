ALTER TABLE "purchases" DROP CONSTRAINT "purchases_status";--> statement-breakpoint
ALTER TABLE "purchases" DROP CONSTRAINT "purchases_amounts";--> statement-breakpoint
ALTER TABLE "purchases" ADD COLUMN "first_purchase_bonus_coins" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "purchases" ADD CONSTRAINT "purchases_status" CHECK ("purchases"."status" in ('pending', 'processing', 'paid', 'failed', 'review', 'refunded', 'disputed'));--> statement-breakpoint
ALTER TABLE "purchases" ADD CONSTRAINT "purchases_amounts" CHECK ("purchases"."base_coins" > 0 and "purchases"."bonus_coins" >= "purchases"."first_purchase_bonus_coins" and "purchases"."first_purchase_bonus_coins" >= 0 and "purchases"."price_minor" > 0);--> statement-breakpoint
-- hand-written below
-- Checkout has never applied a time-boxed promotion (it passes none), so every bonus recorded so
-- far is the first-purchase bonus.
UPDATE "purchases" SET "first_purchase_bonus_coins" = "bonus_coins" WHERE "bonus_coins" > 0;
