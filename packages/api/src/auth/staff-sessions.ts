import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@minbil/db/client";

/** How long a staff session lasts from sign-in (a working day and then some). */
export const STAFF_SESSION_SECONDS = 12 * 60 * 60;

export async function createStaffSession(
  db: PrismaClient,
  input: { userId: string; userAgent: string | null; clientIp: string | null },
): Promise<{ id: string; expiresAt: Date }> {
  const id = randomBytes(18).toString("base64url");
  const expiresAt = new Date(Date.now() + STAFF_SESSION_SECONDS * 1000);
  await db.staffSession.create({
    data: { id, userId: input.userId, expiresAt, userAgent: input.userAgent?.slice(0, 300) ?? null, clientIp: input.clientIp },
  });
  return { id, expiresAt };
}

/** Ends one session (sign-out): its cookie, and any copy of it, stops working at once. */
export async function revokeStaffSession(db: PrismaClient, sessionId: string): Promise<void> {
  await db.staffSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** Ends every session of a user, or every one but `except` (after a password change in that session). */
export async function revokeUserSessions(db: PrismaClient, userId: string, except?: string): Promise<number> {
  const { count } = await db.staffSession.updateMany({
    where: { userId, revokedAt: null, ...(except ? { id: { not: except } } : {}) },
    data: { revokedAt: new Date() },
  });
  return count;
}

/** Forgets sessions that ended more than a day ago. */
export async function purgeEndedStaffSessions(db: PrismaClient, now = new Date()): Promise<number> {
  const dayAgo = new Date(now.getTime() - 24 * 60 * 60 * 1000);
  const { count } = await db.staffSession.deleteMany({ where: { OR: [{ expiresAt: { lt: dayAgo } }, { revokedAt: { lt: dayAgo } }] } });
  return count;
}
