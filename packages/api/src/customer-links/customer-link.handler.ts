import type { Prisma, PrismaClient } from "@minbil/db/client";
import { customerLinkDto, type CustomerLinkDto } from "@minbil/contracts/customer/customer-link.schema";
import { bookingNotFound } from "../errors";
import { ensureCustomerLink, issueCustomerLink, type CustomerLinkDeps, type IssuedLink } from "./ensure-customer-link";

export interface CustomerLinkHandlerDeps extends CustomerLinkDeps {
  db: PrismaClient;
  workshopId: string;
}

function toDto(link: IssuedLink): CustomerLinkDto {
  return customerLinkDto.parse({ url: link.url, expires_at: link.expiresAt?.toISOString() ?? null });
}

async function withBooking<T>(deps: CustomerLinkHandlerDeps, bookingId: number, run: (tx: Prisma.TransactionClient) => Promise<T>) {
  return deps.db.$transaction(async (tx) => {
    // Locks the booking: two staff issuing at once end with one live link, not two.
    const rows = await tx.$queryRaw<
      { id: number }[]
    >`SELECT id FROM bookings WHERE id = ${bookingId} AND workshop_id = ${deps.workshopId} FOR UPDATE`;
    if (!rows.length) throw bookingNotFound(bookingId);
    return run(tx);
  });
}

/** The booking's current customer link (issued now if it has none): what staff copy from the thread. */
export function getCustomerLink(deps: CustomerLinkHandlerDeps, input: { booking_id: number }): Promise<CustomerLinkDto> {
  return withBooking(deps, input.booking_id, async (tx) =>
    toDto(await ensureCustomerLink(tx, deps, { workshopId: deps.workshopId, bookingId: input.booking_id })),
  );
}

/** A new customer link; the old one stops working at once. */
export function reissueCustomerLink(deps: CustomerLinkHandlerDeps, input: { booking_id: number }): Promise<CustomerLinkDto> {
  return withBooking(deps, input.booking_id, async (tx) =>
    toDto(await issueCustomerLink(tx, deps, { workshopId: deps.workshopId, bookingId: input.booking_id })),
  );
}

/** Ends the booking's customer link: the page shows the neutral "not available" page until a new one is issued. */
export function revokeCustomerLink(deps: CustomerLinkHandlerDeps, input: { booking_id: number }): Promise<{ revoked: number }> {
  return withBooking(deps, input.booking_id, async (tx) => {
    const { count } = await tx.customerLink.updateMany({
      where: { bookingId: input.booking_id, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    return { revoked: count };
  });
}
