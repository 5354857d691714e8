import { sqlIn } from "@minbil/db/sql-transaction";
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
    select: {
      workshopId: true,
      bookingId: true,
      seq: true,
      senderType: true,
      visibility: true,
      deliveries: deliverySelect,
      thread: { select: { customerSeenSeq: true } },
    },
  });
  const delivery = message ? toMessageDelivery(message, message.thread.customerSeenSeq) : null;
  if (!message || !delivery) return null;
  const event = await appendEvent(sqlIn(tx), {
    workshopId: message.workshopId,
    type: "message.delivery_updated",
    bookingId: message.bookingId,
    payload: { booking_id: message.bookingId, message_id: messageId, delivery },
    unreadDelta: 0,
  });
  return { event, delivery };
}

/** At most this many messages get a "seen" event at once (a customer opening a long thread for the first time). */
const SEEN_EVENTS_MAX = 50;

/**
 * After the customer page has shown a thread's messages up to `seenSeq` (Thread.customerSeenSeq moved
 * from `previousSeq`): a `message.delivery_updated` event for each workshop message to the customer that
 * became seen, so the inbox's ticks turn live. Call it in the transaction that moved customerSeenSeq;
 * publish the events after the commit.
 */
export async function appendSeenUpdates(
  tx: Prisma.TransactionClient,
  thread: { bookingId: number; previousSeq: number; seenSeq: number },
): Promise<AppendedEvent[]> {
  if (thread.seenSeq <= thread.previousSeq) return [];
  const messages = await tx.message.findMany({
    where: {
      bookingId: thread.bookingId,
      seq: { gt: thread.previousSeq, lte: thread.seenSeq },
      senderType: "WORKSHOP",
      visibility: "CUSTOMER",
    },
    orderBy: { seq: "desc" },
    take: SEEN_EVENTS_MAX,
    select: { id: true },
  });
  const events: AppendedEvent[] = [];
  for (const message of messages.reverse()) {
    const updated = await appendDeliveryUpdated(tx, message.id);
    if (updated) events.push(updated.event);
  }
  return events;
}
