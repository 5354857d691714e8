import type { z } from "zod";
import type { PrismaClient } from "@minbil/db/client";
import { threadReadStateDto, type ThreadReadStateDto } from "@minbil/contracts/dto";
import type { markThreadReadInput } from "@minbil/contracts/messages/mark-thread-read.schema";
import { appendEvent } from "../events/append-event";
import type { EventBus } from "../events/event-bus";
import { bookingNotFound } from "../errors";

/**
 * Marks a thread read up to its newest message, or (read: false) unread again from its newest
 * customer message. Read state is per workshop: what one staff member reads is read for all.
 */
export async function markThreadRead(
  deps: { db: PrismaClient; events: EventBus; workshopId: string },
  input: z.output<typeof markThreadReadInput>,
): Promise<ThreadReadStateDto> {
  const outcome = await deps.db.$transaction(async (tx) => {
    // Lock the thread row first, as senders do (see appendEvent).
    const [thread] = await tx.$queryRaw<{ message_count: number; unread_count: number; last_read_seq: number }[]>`
      SELECT message_count, unread_count, last_read_seq FROM threads
      WHERE booking_id = ${input.booking_id} AND workshop_id = ${deps.workshopId}
      FOR UPDATE`;
    if (!thread) throw bookingNotFound(input.booking_id);

    let lastReadSeq = thread.message_count;
    let unreadCount = 0;
    if (!input.read && thread.message_count > 0) {
      const newestFromCustomer = await tx.message.findFirst({
        where: { bookingId: input.booking_id, senderType: "CUSTOMER" },
        orderBy: { seq: "desc" },
        select: { seq: true },
      });
      lastReadSeq = (newestFromCustomer?.seq ?? thread.message_count) - 1;
      unreadCount = 1;
    }
    const state = { booking_id: input.booking_id, unread_count: unreadCount, last_read_seq: lastReadSeq };
    if (lastReadSeq === thread.last_read_seq && unreadCount === thread.unread_count) return { state, event: null };

    await tx.thread.update({ where: { bookingId: input.booking_id }, data: { lastReadSeq, unreadCount } });
    const event = await appendEvent(tx, {
      workshopId: deps.workshopId,
      type: input.read ? "thread.read" : "thread.unread",
      bookingId: input.booking_id,
      payload: state,
      unreadDelta: unreadCount - thread.unread_count,
    });
    return { state, event };
  });
  if (outcome.event) deps.events.publish(outcome.event);
  return threadReadStateDto.parse(outcome.state);
}
