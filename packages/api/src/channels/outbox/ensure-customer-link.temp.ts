// TEMPORARY until the lead's packages/api/src/customer-links/ensure-customer-link.ts lands on main (same
// signature); deleted at the rebase that brings it.
import type { Prisma } from "@minbil/db/client";
import type { SecretBox } from "../../crypto/secret-box";

export async function ensureCustomerLink(
  _tx: Prisma.TransactionClient,
  deps: { secrets: SecretBox; publicBaseUrl: string },
  booking: { workshopId: string; bookingId: number },
): Promise<{ url: string; expiresAt: Date | null }> {
  return { url: `${deps.publicBaseUrl.replace(/\/$/, "")}/c/booking-${booking.bookingId}`, expiresAt: null };
}
