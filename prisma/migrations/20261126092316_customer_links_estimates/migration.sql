-- CreateEnum
CREATE TYPE "MessageKind" AS ENUM ('TEXT', 'ESTIMATE');

-- CreateEnum
CREATE TYPE "EstimateDecision" AS ENUM ('APPROVED', 'DECLINED');

-- AlterTable
ALTER TABLE "bookings" ADD COLUMN     "closed_at" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "messages" ADD COLUMN     "kind" "MessageKind" NOT NULL DEFAULT 'TEXT';

-- AlterTable
ALTER TABLE "threads" ADD COLUMN     "customer_seen_at" TIMESTAMP(3),
ADD COLUMN     "customer_seen_seq" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "workshops" ADD COLUMN     "phone" TEXT;

-- CreateTable
CREATE TABLE "customer_links" (
    "id" TEXT NOT NULL,
    "workshop_id" TEXT NOT NULL,
    "booking_id" INTEGER NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMP(3),

    CONSTRAINT "customer_links_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "estimates" (
    "id" TEXT NOT NULL,
    "message_id" INTEGER NOT NULL,
    "workshop_id" TEXT NOT NULL,
    "booking_id" INTEGER NOT NULL,
    "valid_until" TIMESTAMP(3) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "estimates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "estimate_lines" (
    "id" TEXT NOT NULL,
    "estimate_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "description" TEXT NOT NULL,
    "price_ore" INTEGER NOT NULL,
    "attachment_id" TEXT,
    "decision" "EstimateDecision",
    "decided_at" TIMESTAMP(3),
    "decided_via" TEXT,

    CONSTRAINT "estimate_lines_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "customer_links_token_hash_key" ON "customer_links"("token_hash");

-- CreateIndex
CREATE INDEX "customer_links_booking_id_revoked_at_idx" ON "customer_links"("booking_id", "revoked_at");

-- CreateIndex
CREATE UNIQUE INDEX "estimates_message_id_key" ON "estimates"("message_id");

-- CreateIndex
CREATE INDEX "estimates_booking_id_idx" ON "estimates"("booking_id");

-- CreateIndex
CREATE UNIQUE INDEX "estimate_lines_estimate_id_position_key" ON "estimate_lines"("estimate_id", "position");

-- AddForeignKey
ALTER TABLE "customer_links" ADD CONSTRAINT "customer_links_workshop_id_fkey" FOREIGN KEY ("workshop_id") REFERENCES "workshops"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customer_links" ADD CONSTRAINT "customer_links_booking_id_fkey" FOREIGN KEY ("booking_id") REFERENCES "bookings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "estimates" ADD CONSTRAINT "estimates_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "estimates" ADD CONSTRAINT "estimates_workshop_id_fkey" FOREIGN KEY ("workshop_id") REFERENCES "workshops"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "estimate_lines" ADD CONSTRAINT "estimate_lines_estimate_id_fkey" FOREIGN KEY ("estimate_id") REFERENCES "estimates"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Bookings already completed or cancelled: their links end 30 days after their last change.
UPDATE "bookings" SET "closed_at" = "updated_at" WHERE "status" IN ('COMPLETED', 'CANCELLED');
