import type { PrismaClient } from "@minbil/db/client";
import { hashLinkToken, looksLikeLinkToken } from "./link-token";
import { linkExpired } from "./link-expiry";

export interface ResolvedLink {
  linkId: string;
  workshopId: string;
  bookingId: number;
  customerName: string;
}

/**
 * The booking a customer link opens, or null for a wrong, revoked or expired one: callers answer all
 * three alike, so nobody learns whether a booking exists.
 */
export async function resolveCustomerLink(db: PrismaClient, token: string): Promise<ResolvedLink | null> {
  if (!looksLikeLinkToken(token)) return null;
  const link = await db.customerLink.findUnique({
    where: { tokenHash: hashLinkToken(token) },
    select: {
      id: true,
      workshopId: true,
      bookingId: true,
      revokedAt: true,
      booking: { select: { closedAt: true, customer: { select: { name: true } } } },
    },
  });
  if (!link || link.revokedAt || linkExpired(link.booking.closedAt)) return null;
  return { linkId: link.id, workshopId: link.workshopId, bookingId: link.bookingId, customerName: link.booking.customer.name };
}
