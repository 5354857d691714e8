import type { PrismaClient } from "@minbil/db/client";

/** The delivery log keeps 30 days. */
export const DELIVERY_LOG_DAYS = 30;

/** Forgets finished deliveries (and their attempts) older than the delivery log keeps. */
export async function purgeOldDeliveries(db: PrismaClient, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - DELIVERY_LOG_DAYS * 24 * 60 * 60 * 1000);
  const { count } = await db.webhookDelivery.deleteMany({ where: { createdAt: { lt: cutoff }, status: { not: "PENDING" } } });
  return count;
}
