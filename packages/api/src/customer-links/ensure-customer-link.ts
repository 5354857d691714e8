import type { Prisma } from "@minbil/db/client";
import type { SecretBox } from "../crypto/secret-box";
import { customerLinkUrl, hashLinkToken, linkToken, newLinkId } from "./link-token";
import { linkExpiresAt } from "./link-expiry";

export interface CustomerLinkDeps {
  secrets: SecretBox;
  /** The app's public address, which customers reach (MINBIL_PUBLIC_URL). */
  publicBaseUrl: string;
}

export interface IssuedLink {
  url: string;
  expiresAt: Date | null;
}

/**
 * The booking's customer link, issuing one when it has none that works: what notifications to the
 * customer carry. Call it inside the transaction that needs it.
 */
export async function ensureCustomerLink(
  tx: Prisma.TransactionClient,
  deps: CustomerLinkDeps,
  booking: { workshopId: string; bookingId: number },
): Promise<IssuedLink> {
  const current = await tx.customerLink.findFirst({
    where: { bookingId: booking.bookingId, workshopId: booking.workshopId, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, booking: { select: { closedAt: true } } },
  });
  if (current) {
    return {
      url: customerLinkUrl(deps.publicBaseUrl, linkToken(deps.secrets, current.id)),
      expiresAt: linkExpiresAt(current.booking.closedAt),
    };
  }
  return issueCustomerLink(tx, deps, booking);
}

/** A new link for the booking; every earlier one stops working. */
export async function issueCustomerLink(
  tx: Prisma.TransactionClient,
  deps: CustomerLinkDeps,
  booking: { workshopId: string; bookingId: number },
): Promise<IssuedLink> {
  const now = new Date();
  await tx.customerLink.updateMany({ where: { bookingId: booking.bookingId, revokedAt: null }, data: { revokedAt: now } });
  const id = newLinkId();
  const token = linkToken(deps.secrets, id);
  const created = await tx.customerLink.create({
    data: { id, workshopId: booking.workshopId, bookingId: booking.bookingId, tokenHash: hashLinkToken(token), createdAt: now },
    select: { booking: { select: { closedAt: true } } },
  });
  return { url: customerLinkUrl(deps.publicBaseUrl, token), expiresAt: linkExpiresAt(created.booking.closedAt) };
}
