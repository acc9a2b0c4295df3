-- Transfers are history: the database itself refuses to change or remove one.
CREATE OR REPLACE FUNCTION ledger_refuse_transfer_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger_transfers is append-only: % is not allowed; record a correcting transfer instead', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_transfers_append_only
  BEFORE UPDATE OR DELETE ON ledger_transfers
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_transfer_change();
--> statement-breakpoint
CREATE TRIGGER ledger_transfers_no_truncate
  BEFORE TRUNCATE ON ledger_transfers
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_transfer_change();
--> statement-breakpoint
CREATE TRIGGER ledger_failed_transfers_append_only
  BEFORE UPDATE OR DELETE ON ledger_failed_transfers
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_transfer_change();
--> statement-breakpoint
-- Accounts are permanent: transfers name them without foreign keys (see the schema).
CREATE OR REPLACE FUNCTION ledger_refuse_account_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger_accounts rows are permanent: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_accounts_permanent
  BEFORE DELETE ON ledger_accounts
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_account_delete();
--> statement-breakpoint
CREATE TRIGGER ledger_accounts_no_truncate
  BEFORE TRUNCATE ON ledger_accounts
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_account_delete();
