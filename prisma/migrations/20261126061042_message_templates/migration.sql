-- CreateTable
CREATE TABLE "message_templates" (
    "id" SERIAL NOT NULL,
    "workshop_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "body_nb" TEXT NOT NULL,
    "body_en" TEXT NOT NULL,
    "booking_status" "BookingStatus",
    "position" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "message_templates_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "message_templates_workshop_id_position_id_idx" ON "message_templates"("workshop_id", "position", "id");

-- CreateIndex
CREATE UNIQUE INDEX "message_templates_workshop_id_name_key" ON "message_templates"("workshop_id", "name");

-- AddForeignKey
ALTER TABLE "message_templates" ADD CONSTRAINT "message_templates_workshop_id_fkey" FOREIGN KEY ("workshop_id") REFERENCES "workshops"("id") ON DELETE CASCADE ON UPDATE CASCADE;
