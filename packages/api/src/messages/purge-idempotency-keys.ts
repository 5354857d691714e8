import type { PrismaClient } from "@minbil/db/client";

/** Forgets Idempotency-Keys older than their 24 hours. The server runs it every hour. */
export async function purgeExpiredIdempotencyKeys(db: PrismaClient, now = new Date()): Promise<number> {
  const { count } = await db.idempotencyKey.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}
