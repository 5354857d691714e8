-- CreateIndex
CREATE INDEX "bookings_customer_id_scheduled_at_idx" ON "bookings"("customer_id", "scheduled_at" DESC);
