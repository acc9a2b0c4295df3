-- hand-written below
-- The API keeps per-process caches of sessions (the Viewer) and of creator resolution. These
-- triggers announce every change that can make a cached entry wrong, whoever makes it (Better
-- Auth, a service, an admin command, psql). The NOTIFY is delivered at commit; the tables are
-- cold (no gift transaction writes these columns), so its commit-time lock costs the hot path
-- nothing. Payloads: 'u:<user id>' (that person's sessions and creator entry), 'c' (creator
-- resolution changed: every process drops its creator entries).
CREATE OR REPLACE FUNCTION coinstream_invalidate_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('coinstream_invalidate', 'u:' || (CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END).id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION coinstream_invalidate_session() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('coinstream_invalidate', 'u:' || OLD.user_id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION coinstream_invalidate_creators() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('coinstream_invalidate', 'c');
  RETURN NULL;
END $$;
--> statement-breakpoint
-- What a Viewer carries (name, email, verification, date of birth, region, age of the account)
-- and what decides access (role, freeze).
CREATE TRIGGER users_invalidate_update AFTER UPDATE ON users FOR EACH ROW
  WHEN ((OLD.name, OLD.email, OLD.email_verified, OLD.date_of_birth, OLD.region, OLD.created_at, OLD.role, OLD.frozen_at)
        IS DISTINCT FROM
        (NEW.name, NEW.email, NEW.email_verified, NEW.date_of_birth, NEW.region, NEW.created_at, NEW.role, NEW.frozen_at))
  EXECUTE FUNCTION coinstream_invalidate_user();
--> statement-breakpoint
CREATE TRIGGER users_invalidate_delete AFTER DELETE ON users FOR EACH ROW
  EXECUTE FUNCTION coinstream_invalidate_user();
--> statement-breakpoint
-- Sign-out, revoking a session, a password reset or change that revokes sessions: the row goes.
-- An UPDATE (Better Auth extending expires_at) revokes nothing.
CREATE TRIGGER sessions_invalidate_delete AFTER DELETE ON sessions FOR EACH ROW
  EXECUTE FUNCTION coinstream_invalidate_session();
--> statement-breakpoint
CREATE TRIGGER creators_invalidate_insert_delete AFTER INSERT OR DELETE ON creators FOR EACH ROW
  EXECUTE FUNCTION coinstream_invalidate_creators();
--> statement-breakpoint
CREATE TRIGGER creators_invalidate_update AFTER UPDATE ON creators FOR EACH ROW
  WHEN ((OLD.handle, OLD.tier, OLD.share_override_bps) IS DISTINCT FROM (NEW.handle, NEW.tier, NEW.share_override_bps))
  EXECUTE FUNCTION coinstream_invalidate_creators();
--> statement-breakpoint
CREATE TRIGGER creator_channels_invalidate_insert_delete AFTER INSERT OR DELETE ON creator_channels FOR EACH ROW
  EXECUTE FUNCTION coinstream_invalidate_creators();
--> statement-breakpoint
CREATE TRIGGER creator_channels_invalidate_update AFTER UPDATE ON creator_channels FOR EACH ROW
  WHEN ((OLD.creator_user_id, OLD.platform, OLD.channel, OLD.followers, OLD.followers_counted, OLD.verified_at, OLD.unlinked_at)
        IS DISTINCT FROM
        (NEW.creator_user_id, NEW.platform, NEW.channel, NEW.followers, NEW.followers_counted, NEW.verified_at, NEW.unlinked_at))
  EXECUTE FUNCTION coinstream_invalidate_creators();
