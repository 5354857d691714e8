import type { PrismaClient } from "@minbil/db/client";
import { customerViewDto, type CustomerMessageDto, type CustomerViewDto } from "@minbil/contracts/customer/customer-view.schema";
import { bookingStatusSchema, type MessageDto } from "@minbil/contracts/dto";
import { toMessageDto } from "../messages/message.select";
import { readMessagePage } from "../messages/message-page.sql";
import { linkExpiresAt } from "../customer-links/link-expiry";
import type { ResolvedLink } from "../customer-links/resolve-customer-link";

/** Messages per page of the customer's conversation. */
export const CUSTOMER_PAGE_MESSAGES = 50;

/**
 * What the customer's page shows: the workshop, the booking and the conversation with the customer,
 * newest `CUSTOMER_PAGE_MESSAGES` first (or those before `beforeSeq`). Internal notes are left out by
 * the query itself. Only reads: opening a link changes nothing (link previews and mail scanners open links).
 */
export async function getCustomerView(
  deps: { db: PrismaClient },
  link: ResolvedLink,
  options: { beforeSeq?: number } = {},
): Promise<CustomerViewDto> {
  const [booking, { rows }] = await Promise.all([
    deps.db.booking.findUniqueOrThrow({
      where: { id: link.bookingId },
      select: {
        reference: true,
        status: true,
        scheduledAt: true,
        service: true,
        vehicleRegistration: true,
        vehicleMake: true,
        vehicleModel: true,
        closedAt: true,
        customer: { select: { name: true } },
        workshop: { select: { name: true, phone: true } },
      },
    }),
    // The inbox thread's page query (raw SQL, message-page.sql.ts), without internal notes.
    readMessagePage(deps.db, {
      bookingId: link.bookingId,
      beforeSeq: options.beforeSeq || undefined,
      take: CUSTOMER_PAGE_MESSAGES + 1,
      customerOnly: true,
    }),
  ]);
  const page = rows.slice(0, CUSTOMER_PAGE_MESSAGES).reverse();
  return customerViewDto.parse({
    workshop: { name: booking.workshop.name, phone: booking.workshop.phone },
    customer: { name: booking.customer.name },
    booking: {
      reference: booking.reference,
      status: bookingStatusSchema.parse(booking.status.toLowerCase()),
      scheduled_at: booking.scheduledAt.toISOString(),
      service: booking.service,
      vehicle: { registration_number: booking.vehicleRegistration, make: booking.vehicleMake, model: booking.vehicleModel },
    },
    messages: page.map((row) => customerMessageFromDto(toMessageDto(row))),
    has_earlier: rows.length > CUSTOMER_PAGE_MESSAGES,
    expires_at: linkExpiresAt(booking.closedAt)?.toISOString() ?? null,
  });
}

/** A message as the customer's page shows it (no staff ids, no API download paths). */
export function customerMessageFromDto(message: MessageDto): CustomerMessageDto {
  return {
    id: message.id,
    seq: message.seq,
    body: message.body,
    from: message.sender_type,
    sender: message.sender,
    created_at: message.created_at,
    attachments: message.attachments.map((file) => ({
      id: file.id,
      file_name: file.file_name,
      content_type: file.content_type,
      size: file.size,
    })),
    estimate: message.estimate,
  };
}
