import type { PrismaClient } from "@minbil/db/client";
import { sqlTransaction } from "@minbil/db/sql-transaction";
import type { EventBus } from "../../events/event-bus";
import { writeMessage } from "../../messages/write-message";

/**
 * A customer's reply by SMS or e-mail, written into the booking's thread as a customer message (through
 * writeMessage: unread, reopening, events, webhooks, live in the inbox). Returns the message id.
 */
export async function receiveCustomerMessage(
  deps: { db: PrismaClient; events: EventBus },
  target: { bookingId: number; body: string },
): Promise<number | null> {
  if (!target.body) return null;
  const booking = await deps.db.booking.findUnique({
    where: { id: target.bookingId },
    select: { workshopId: true, customer: { select: { name: true } } },
  });
  if (!booking) return null;
  const { message, events } = await sqlTransaction(deps.db, (sql) =>
    writeMessage(sql, {
      workshopId: booking.workshopId,
      bookingId: target.bookingId,
      senderType: "customer",
      senderName: booking.customer.name,
      visibility: "customer",
      body: target.body,
      actor: null,
    }),
  );
  for (const event of events) deps.events.publish(event);
  return message.id;
}
