import { z } from "zod";
import { int4Id } from "@minbil/contracts/messages/ids.schema";
import type { PrismaClient } from "@minbil/db/client";
import { threadDetailDto, type ThreadDetailDto } from "@minbil/contracts/dto";
import type { getThreadInput } from "@minbil/contracts/messages/get-thread.schema";
import { bookingNotFound } from "../errors";
import { bookingSelect, toBookingDto, toCustomerDto } from "./booking.select";
import { messageSelect, toMessageDto } from "./message.select";
import { decodeCursor, encodeCursor } from "./cursor";
import { threadStateFields } from "../threads/thread-fields";

const messageCursor = z.tuple([int4Id]);

/**
 * One booking's thread: the newest `limit` messages, oldest first. meta.next_cursor pages back to
 * older messages through the unique (booking_id, seq) index.
 */
export async function getThread(
  deps: { db: PrismaClient; workshopId: string; viewerId?: string | null },
  input: z.output<typeof getThreadInput>,
): Promise<ThreadDetailDto> {
  const beforeSeq = input.cursor ? decodeCursor(input.cursor, messageCursor)[0] : undefined;
  // relationLoadStrategy "join": each read is one SQL query with its relations.
  const booking = await deps.db.booking.findFirst({
    relationLoadStrategy: "join",
    where: { id: input.booking_id, workshopId: deps.workshopId },
    select: {
      ...bookingSelect,
      thread: {
        select: {
          unreadCount: true,
          messageCount: true,
          customerMessageCount: true,
          state: true,
          snoozedUntil: true,
          customerSeenSeq: true,
          assignee: { select: { id: true, name: true } },
          ...(deps.viewerId ? { reads: { where: { userId: deps.viewerId }, select: { readCustomerCount: true } } } : {}),
        },
      },
    },
  });
  if (!booking) throw bookingNotFound(input.booking_id);

  const [rows, approved] = await Promise.all([
    deps.db.message.findMany({
      relationLoadStrategy: "join",
      where: { bookingId: booking.id, ...(beforeSeq ? { seq: { lt: beforeSeq } } : {}) },
      orderBy: { seq: "desc" },
      take: input.limit + 1,
      select: messageSelect,
    }),
    // Over every estimate of the booking, also those on older pages (estimates_booking_id_idx).
    deps.db.estimateLine.aggregate({ _sum: { priceOre: true }, where: { decision: "APPROVED", estimate: { bookingId: booking.id } } }),
  ]);
  const hasMore = rows.length > input.limit;
  const page = rows.slice(0, input.limit).reverse();
  const oldest = page[0];

  return threadDetailDto.parse({
    data: {
      id: booking.id,
      booking_id: booking.id,
      booking: toBookingDto(booking),
      customer: toCustomerDto(booking),
      unread_count: unreadFor(booking.thread, deps.viewerId),
      message_count: booking.thread?.messageCount ?? 0,
      ...threadStateFields(booking.thread ?? { state: "OPEN", snoozedUntil: null, assignee: null }),
      messages: page.map((row) => toMessageDto(row, booking.thread?.customerSeenSeq)),
      approved_total_nok: (approved._sum.priceOre ?? 0) / 100,
    },
    meta: { next_cursor: hasMore && oldest ? encodeCursor([oldest.seq]) : null, has_more: hasMore },
  });
}

/** A staff member's unread: the customer messages after what they have read; an API token's: the workshop's. */
function unreadFor(
  thread: { unreadCount: number; customerMessageCount: number; reads?: { readCustomerCount: number }[] } | null,
  viewerId: string | null | undefined,
): number {
  if (!thread) return 0;
  if (!viewerId) return thread.unreadCount;
  return Math.max(0, thread.customerMessageCount - (thread.reads?.[0]?.readCustomerCount ?? 0));
}
