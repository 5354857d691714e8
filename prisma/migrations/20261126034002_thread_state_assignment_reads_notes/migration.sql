-- CreateEnum
CREATE TYPE "ThreadState" AS ENUM ('OPEN', 'WAITING', 'DONE', 'SNOOZED');

-- CreateEnum
CREATE TYPE "MessageVisibility" AS ENUM ('CUSTOMER', 'INTERNAL');

-- AlterTable
ALTER TABLE "messages" ADD COLUMN     "mentioned_user_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "visibility" "MessageVisibility" NOT NULL DEFAULT 'CUSTOMER';

-- AlterTable
ALTER TABLE "threads" ADD COLUMN     "assignee_id" TEXT,
ADD COLUMN     "customer_message_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "snoozed_until" TIMESTAMP(3),
ADD COLUMN     "state" "ThreadState" NOT NULL DEFAULT 'OPEN';

-- CreateTable
CREATE TABLE "thread_reads" (
    "booking_id" INTEGER NOT NULL,
    "user_id" TEXT NOT NULL,
    "last_read_seq" INTEGER NOT NULL DEFAULT 0,
    "read_customer_count" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "thread_reads_pkey" PRIMARY KEY ("booking_id","user_id")
);

-- CreateIndex
CREATE INDEX "thread_reads_user_id_idx" ON "thread_reads"("user_id");

-- CreateIndex
CREATE INDEX "threads_workshop_id_state_last_activity_at_booking_id_idx" ON "threads"("workshop_id", "state", "last_activity_at" DESC, "booking_id" DESC);

-- CreateIndex
CREATE INDEX "threads_workshop_id_assignee_id_last_activity_at_booking_id_idx" ON "threads"("workshop_id", "assignee_id", "last_activity_at" DESC, "booking_id" DESC);

-- CreateIndex
CREATE INDEX "threads_state_snoozed_until_idx" ON "threads"("state", "snoozed_until");

-- AddForeignKey
ALTER TABLE "threads" ADD CONSTRAINT "threads_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "thread_reads" ADD CONSTRAINT "thread_reads_booking_id_fkey" FOREIGN KEY ("booking_id") REFERENCES "threads"("booking_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "thread_reads" ADD CONSTRAINT "thread_reads_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill (written by hand): customer message counts, and every existing staff member's read position
-- taken from the workshop's, so nobody starts with a backlog that the team had already read.
UPDATE "threads" t SET "customer_message_count" = c.n
FROM (SELECT "booking_id", count(*)::int AS n FROM "messages" WHERE "sender_type" = 'CUSTOMER' GROUP BY "booking_id") c
WHERE t."booking_id" = c."booking_id";

INSERT INTO "thread_reads" ("booking_id", "user_id", "last_read_seq", "read_customer_count", "updated_at")
SELECT t."booking_id", u."id", t."last_read_seq", GREATEST(t."customer_message_count" - t."unread_count", 0), CURRENT_TIMESTAMP
FROM "threads" t JOIN "users" u ON u."workshop_id" = t."workshop_id";
