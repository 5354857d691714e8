import { z } from "zod";
import { int4Id } from "@minbil/contracts/messages/ids.schema";
import type { Prisma, PrismaClient } from "@minbil/db/client";
import { type BookingStatus } from "@minbil/db/client";
import { threadListDto, type ThreadListDto } from "@minbil/contracts/dto";
import type { listThreadsInput } from "@minbil/contracts/messages/list-threads.schema";
import { bookingSelect, toBookingDto, toCustomerDto } from "./booking.select";
import { toSenderType } from "./message.select";
import { decodeCursor, encodeCursor } from "./cursor";
import { escapeLike, normaliseSearch } from "./search-text";

/** The last row's activity time and booking id. */
const threadCursor = z.tuple([z.iso.datetime(), int4Id]);

/**
 * The inbox: a workshop's threads, latest activity first. One range read on
 * threads(workshop_id, last_activity_at DESC, booking_id DESC) per page, with booking, customer and
 * last message fetched in one batched query each (never per thread).
 */
export async function listThreads(
  deps: { db: PrismaClient; workshopId: string },
  input: z.output<typeof listThreadsInput>,
): Promise<ThreadListDto> {
  const where: Prisma.ThreadWhereInput = { workshopId: deps.workshopId };
  const and: Prisma.ThreadWhereInput[] = [];
  if (input.cursor) {
    const [at, bookingId] = decodeCursor(input.cursor, threadCursor);
    const after = new Date(at);
    and.push({ OR: [{ lastActivityAt: { lt: after } }, { lastActivityAt: after, bookingId: { lt: bookingId } }] });
  }
  if (input.unread) and.push({ unreadCount: { gt: 0 } });
  if (input.status) and.push({ booking: { status: input.status.toUpperCase() as BookingStatus } });
  const q = input.q ? normaliseSearch(input.q) : "";
  if (q) and.push({ searchText: { contains: escapeLike(q) } });
  if (and.length) where.AND = and;

  // One query: threads with booking, customer and last message joined (LATERAL), not one per relation.
  const rows = await deps.db.thread.findMany({
    relationLoadStrategy: "join",
    where,
    orderBy: [{ lastActivityAt: "desc" }, { bookingId: "desc" }],
    take: input.limit + 1,
    select: {
      bookingId: true,
      unreadCount: true,
      messageCount: true,
      lastActivityAt: true,
      booking: { select: bookingSelect },
      lastMessage: {
        select: { id: true, body: true, senderType: true, createdAt: true, _count: { select: { attachments: true } } },
      },
    },
  });

  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  const hasMore = rows.length > input.limit;
  return threadListDto.parse({
    data: page.map((row) => ({
      booking_id: row.bookingId,
      booking: toBookingDto(row.booking),
      customer: toCustomerDto(row.booking),
      last_message: row.lastMessage
        ? {
            id: row.lastMessage.id,
            body: row.lastMessage.body,
            sender_type: toSenderType(row.lastMessage.senderType),
            created_at: row.lastMessage.createdAt.toISOString(),
            attachment_count: row.lastMessage._count.attachments,
          }
        : null,
      unread_count: row.unreadCount,
      message_count: row.messageCount,
      updated_at: row.lastActivityAt.toISOString(),
    })),
    meta: {
      next_cursor: hasMore && last ? encodeCursor([last.lastActivityAt.toISOString(), last.bookingId]) : null,
      has_more: hasMore,
    },
  });
}
