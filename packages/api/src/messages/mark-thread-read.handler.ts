import { sqlIn } from "@minbil/db/sql-transaction";
import type { z } from "zod";
import type { PrismaClient } from "@minbil/db/client";
import { threadReadStateDto, type ThreadReadStateDto } from "@minbil/contracts/dto";
import type { markThreadReadInput } from "@minbil/contracts/messages/mark-thread-read.schema";
import { appendEvent } from "../events/append-event";
import type { EventBus } from "../events/event-bus";
import { bookingNotFound } from "../errors";

/**
 * Marks a thread read up to its newest message, or (read: false) unread again from its newest customer
 * message. Two read states move: the workshop's (what API tokens see: someone at the workshop has read
 * it) and, for a staff member (`viewerId`), their own; one colleague's reading leaves another's unread.
 */
export async function markThreadRead(
  deps: { db: PrismaClient; events: EventBus; workshopId: string; viewerId?: string | null },
  input: z.output<typeof markThreadReadInput>,
): Promise<ThreadReadStateDto> {
  const viewerId = deps.viewerId ?? null;
  const outcome = await deps.db.$transaction(async (tx) => {
    // Lock the thread row first, as writers do (see appendEvent).
    const [thread] = await tx.$queryRaw<
      { message_count: number; unread_count: number; last_read_seq: number; customer_message_count: number }[]
    >`
      SELECT message_count, unread_count, last_read_seq, customer_message_count FROM threads
      WHERE booking_id = ${input.booking_id} AND workshop_id = ${deps.workshopId}
      FOR UPDATE`;
    if (!thread) throw bookingNotFound(input.booking_id);

    let lastReadSeq = thread.message_count;
    let unreadCount = 0;
    let readCustomerCount = thread.customer_message_count;
    if (!input.read && thread.customer_message_count > 0) {
      const newestFromCustomer = await tx.message.findFirst({
        where: { bookingId: input.booking_id, senderType: "CUSTOMER" },
        orderBy: { seq: "desc" },
        select: { seq: true },
      });
      lastReadSeq = (newestFromCustomer?.seq ?? thread.message_count) - 1;
      unreadCount = 1;
      readCustomerCount = thread.customer_message_count - 1;
    }
    const state = { booking_id: input.booking_id, unread_count: unreadCount, last_read_seq: lastReadSeq, by_user_id: viewerId };
    const workshopChanged = lastReadSeq !== thread.last_read_seq || unreadCount !== thread.unread_count;
    if (workshopChanged) await tx.thread.update({ where: { bookingId: input.booking_id }, data: { lastReadSeq, unreadCount } });

    let ownChanged = false;
    if (viewerId) {
      const own = await tx.threadRead.findUnique({ where: { bookingId_userId: { bookingId: input.booking_id, userId: viewerId } } });
      ownChanged = !own || own.lastReadSeq !== lastReadSeq || own.readCustomerCount !== readCustomerCount;
      if (ownChanged) {
        await tx.threadRead.upsert({
          where: { bookingId_userId: { bookingId: input.booking_id, userId: viewerId } },
          create: { bookingId: input.booking_id, userId: viewerId, lastReadSeq, readCustomerCount },
          update: { lastReadSeq, readCustomerCount },
        });
      }
    }
    if (!workshopChanged && !ownChanged) return { state, event: null };
    const event = await appendEvent(sqlIn(tx), {
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
