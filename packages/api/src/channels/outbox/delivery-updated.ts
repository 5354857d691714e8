import type { Prisma } from "@minbil/db/client";
import { appendEvent, type AppendedEvent } from "../../events/append-event";
import { deliverySelect, toMessageDelivery } from "./delivery-dto";

/**
 * Writes `message.delivery_updated` with the message's whole delivery (every channel, and seen), in the
 * caller's transaction after it changed a delivery; the caller publishes it after the commit.
 */
export async function appendDeliveryUpdated(
  tx: Prisma.TransactionClient,
  messageId: number,
): Promise<{ event: AppendedEvent; delivery: NonNullable<ReturnType<typeof toMessageDelivery>> } | null> {
  const message = await tx.message.findUnique({
    where: { id: messageId },
    select: { workshopId: true, bookingId: true, seq: true, senderType: true, visibility: true, deliveries: deliverySelect },
  });
  const delivery = message ? toMessageDelivery(message, 0) : null;
  if (!message || !delivery) return null;
  const event = await appendEvent(tx, {
    workshopId: message.workshopId,
    type: "message.delivery_updated",
    bookingId: message.bookingId,
    payload: { booking_id: message.bookingId, message_id: messageId, delivery },
    unreadDelta: 0,
  });
  return { event, delivery };
}
