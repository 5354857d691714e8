-- CreateEnum
CREATE TYPE "DeliveryChannel" AS ENUM ('SMS', 'EMAIL');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('QUEUED', 'SENT', 'DELIVERED', 'FAILED');

-- CreateTable
CREATE TABLE "workshop_channel_settings" (
    "workshop_id" TEXT NOT NULL,
    "sms_enabled" BOOLEAN NOT NULL DEFAULT false,
    "email_enabled" BOOLEAN NOT NULL DEFAULT false,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "workshop_channel_settings_pkey" PRIMARY KEY ("workshop_id")
);

-- CreateTable
CREATE TABLE "channel_opt_outs" (
    "workshop_id" TEXT NOT NULL,
    "channel" "DeliveryChannel" NOT NULL,
    "address" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "channel_opt_outs_pkey" PRIMARY KEY ("workshop_id","channel","address")
);

-- CreateTable
CREATE TABLE "message_deliveries" (
    "id" TEXT NOT NULL,
    "workshop_id" TEXT NOT NULL,
    "booking_id" INTEGER NOT NULL,
    "message_id" INTEGER NOT NULL,
    "channel" "DeliveryChannel" NOT NULL,
    "recipient" TEXT NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'QUEUED',
    "provider_id" TEXT,
    "error" TEXT,
    "attempt_count" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMP(3),
    "locked_until" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "message_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "message_deliveries_status_next_attempt_at_idx" ON "message_deliveries"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "message_deliveries_channel_provider_id_idx" ON "message_deliveries"("channel", "provider_id");

-- CreateIndex
CREATE INDEX "message_deliveries_channel_recipient_created_at_idx" ON "message_deliveries"("channel", "recipient", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "message_deliveries_message_id_channel_key" ON "message_deliveries"("message_id", "channel");

-- AddForeignKey
ALTER TABLE "workshop_channel_settings" ADD CONSTRAINT "workshop_channel_settings_workshop_id_fkey" FOREIGN KEY ("workshop_id") REFERENCES "workshops"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "channel_opt_outs" ADD CONSTRAINT "channel_opt_outs_workshop_id_fkey" FOREIGN KEY ("workshop_id") REFERENCES "workshops"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "message_deliveries" ADD CONSTRAINT "message_deliveries_workshop_id_fkey" FOREIGN KEY ("workshop_id") REFERENCES "workshops"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "message_deliveries" ADD CONSTRAINT "message_deliveries_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;
