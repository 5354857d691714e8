-- AlterTable
ALTER TABLE "events" ADD COLUMN     "unread_delta" INTEGER NOT NULL DEFAULT 0,
ALTER COLUMN "seq" DROP NOT NULL;

-- Events are numbered when the transaction that wrote them commits, not when it writes them: a
-- constraint trigger deferred to commit takes the workshop's next seq (and applies the event's unread
-- delta) as the transaction's last step. The workshop row is locked from there to the end of the
-- commit only, so sends to different threads of one workshop no longer queue behind each other for
-- their whole transaction. Rows inserted with a seq (imports, tests) are left as they are.
-- Written by hand: Prisma does not manage functions and triggers (its diff leaves them alone).
-- The body is an escape string with \073 for each semicolon: Prisma's PostgreSQL adapter runs a
-- migration by splitting it at every semicolon, dollar quotes included.
CREATE FUNCTION "events_number_at_commit"() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE
  next_seq integer\073
BEGIN
  UPDATE "workshops" SET "event_seq" = "event_seq" + 1, "unread_total" = "unread_total" + NEW."unread_delta"
  WHERE "id" = NEW."workshop_id"
  RETURNING "event_seq" INTO next_seq\073
  UPDATE "events" SET "seq" = next_seq WHERE "id" = NEW."id"\073
  RETURN NULL\073
END
';

CREATE CONSTRAINT TRIGGER "events_number_at_commit" AFTER INSERT ON "events"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (NEW."seq" IS NULL) EXECUTE FUNCTION "events_number_at_commit"();
