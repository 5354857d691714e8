-- DropForeignKey
ALTER TABLE "attachments" DROP CONSTRAINT "attachments_workshop_id_fkey";

-- DropForeignKey
ALTER TABLE "estimates" DROP CONSTRAINT "estimates_workshop_id_fkey";

-- DropForeignKey
ALTER TABLE "events" DROP CONSTRAINT "events_workshop_id_fkey";

-- DropForeignKey
ALTER TABLE "idempotency_keys" DROP CONSTRAINT "idempotency_keys_workshop_id_fkey";

-- DropForeignKey
ALTER TABLE "message_deliveries" DROP CONSTRAINT "message_deliveries_workshop_id_fkey";

-- DropForeignKey
ALTER TABLE "messages" DROP CONSTRAINT "messages_api_token_id_fkey";

-- DropForeignKey
ALTER TABLE "messages" DROP CONSTRAINT "messages_workshop_id_fkey";

-- Why: every send inserts a message and an event (and files, deliveries, an estimate, an idempotency
-- key) of one workshop, most of them through one API token. Each foreign key to the workshops or
-- api_tokens row locked that one row FOR KEY SHARE until commit. With many sends at once PostgreSQL
-- keeps those lockers in multixacts, and the sends queued on the multixact SLRU and on each other
-- (measured with the raw server of pnpm bench:http, 50 connections to 50 threads of one workshop: 197
-- sends/s with these keys, 375 without). The rows stay tied to their workshop through their booking
-- or message, whose keys cascade as before. What the dropped keys did on delete, these triggers do.
-- Written by hand (Prisma does not manage triggers), with \073 for each semicolon, see
-- 20261126092708_events_sequenced_at_commit.
CREATE FUNCTION "workshop_deleted"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  DELETE FROM "events" WHERE "workshop_id" = OLD."id"\073
  DELETE FROM "idempotency_keys" WHERE "workshop_id" = OLD."id"\073
  RETURN NULL\073
END
';

CREATE TRIGGER "workshop_deleted" AFTER DELETE ON "workshops" FOR EACH ROW EXECUTE FUNCTION "workshop_deleted"();

-- Messages keep who sent them only while the token exists (the SET NULL of the dropped key). Tokens are
-- revoked, not deleted, in the app. A deletion (by hand, or with its workshop) scans the messages.
CREATE FUNCTION "api_token_deleted"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  UPDATE "messages" SET "api_token_id" = NULL WHERE "api_token_id" = OLD."id"\073
  RETURN NULL\073
END
';

CREATE TRIGGER "api_token_deleted" AFTER DELETE ON "api_tokens" FOR EACH ROW EXECUTE FUNCTION "api_token_deleted"();
