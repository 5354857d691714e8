/** A customer link works until this long after its booking is completed or cancelled. */
export const LINK_DAYS_AFTER_CLOSE = 30;
const DAY_MS = 86_400_000;

/** When links of a booking closed at `closedAt` end; null while it is open. */
export function linkExpiresAt(closedAt: Date | null): Date | null {
  return closedAt ? new Date(closedAt.getTime() + LINK_DAYS_AFTER_CLOSE * DAY_MS) : null;
}

export function linkExpired(closedAt: Date | null, now = new Date()): boolean {
  const expiresAt = linkExpiresAt(closedAt);
  return expiresAt !== null && expiresAt.getTime() <= now.getTime();
}
