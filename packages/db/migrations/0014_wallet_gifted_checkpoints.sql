CREATE TABLE "wallet_gifted_checkpoints" (
	"wallet_id" uuid PRIMARY KEY NOT NULL,
	"gifted_coins" bigint NOT NULL,
	"through_seq" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- Wallets with history start from a checkpoint of everything given so far. A gift or tip still in
-- flight has a higher seq than every committed one of its wallet (one spend at a time per person),
-- so it falls after the checkpoint and reads count it.
INSERT INTO "wallet_gifted_checkpoints" ("wallet_id", "gifted_coins", "through_seq")
SELECT "debit_account_id", sum("amount"), max("seq") FROM "ledger_transfers"
WHERE "code" IN ('gift', 'tip') AND "phase" = 'single'
GROUP BY "debit_account_id";
