import { z } from "zod";
import { int4Id } from "@minbil/contracts/messages/ids.schema";
import { Prisma, type PrismaClient } from "@minbil/db/client";
import { readRows } from "@minbil/db/read-rows";
import { threadDetailDto, type ThreadDetailDto } from "@minbil/contracts/dto";
import type { getThreadInput } from "@minbil/contracts/messages/get-thread.schema";
import { bookingNotFound } from "../errors";
import { toBookingDto, toCustomerDto, type BookingRow } from "./booking.select";
import { toMessageDto } from "./message.select";
import { readMessagePage } from "./message-page.sql";
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
  // The booking with its customer, thread, assignee and the viewer's read position in one raw query,
  // read past the ORM on a server (read-rows.ts): a thread is the most read answer after the inbox,
  // and the ORM's relation query cost more CPU than the rest of the request. The answer is still
  // validated whole (threadDetailDto) before it leaves.
  const [booking] = await readRows<ThreadBookingRow>(
    deps.db,
    Prisma.sql`
    SELECT b.id, b.reference, b.status::text AS status, b.service, b.scheduled_at AS "scheduledAt",
           b.vehicle_registration AS "vehicleRegistration", b.vehicle_make AS "vehicleMake", b.vehicle_model AS "vehicleModel",
           c.id AS "customerId", c.name AS "customerName", c.email AS "customerEmail", c.phone AS "customerPhone",
           t.booking_id AS "threadId", t.unread_count AS "unreadCount", t.message_count AS "messageCount",
           t.customer_message_count AS "customerMessageCount", t.state::text AS state, t.snoozed_until AS "snoozedUntil",
           t.customer_seen_seq AS "customerSeenSeq",
           a.id AS "assigneeId", a.name AS "assigneeName", r.read_customer_count AS "readCustomerCount"
    FROM bookings b
    JOIN customers c ON c.id = b.customer_id
    LEFT JOIN threads t ON t.booking_id = b.id
    LEFT JOIN users a ON a.id = t.assignee_id
    LEFT JOIN thread_reads r ON r.booking_id = b.id AND r.user_id = ${deps.viewerId ?? null}
    WHERE b.id = ${input.booking_id} AND b.workshop_id = ${deps.workshopId}`,
  );
  if (!booking) throw bookingNotFound(input.booking_id);

  // The page and the approved total in one raw query (message-page.sql.ts), for the same reason.
  const { rows, approvedOre } = await readMessagePage(deps.db, { bookingId: booking.id, beforeSeq, take: input.limit + 1 });
  const hasMore = rows.length > input.limit;
  const page = rows.slice(0, input.limit).reverse();
  const oldest = page[0];

  const bookingRow = {
    ...booking,
    customer: { id: booking.customerId, name: booking.customerName, email: booking.customerEmail, phone: booking.customerPhone },
  };
  const thread =
    booking.threadId === null
      ? null
      : {
          unreadCount: booking.unreadCount!,
          customerMessageCount: booking.customerMessageCount!,
          reads: booking.readCustomerCount === null ? [] : [{ readCustomerCount: booking.readCustomerCount }],
        };
  return threadDetailDto.parse({
    data: {
      id: booking.id,
      booking_id: booking.id,
      booking: toBookingDto(bookingRow),
      customer: toCustomerDto(bookingRow),
      unread_count: unreadFor(thread, deps.viewerId),
      message_count: booking.messageCount ?? 0,
      ...threadStateFields({
        state: booking.state ?? "OPEN",
        snoozedUntil: booking.snoozedUntil,
        assignee: booking.assigneeId ? { id: booking.assigneeId, name: booking.assigneeName! } : null,
      }),
      messages: page.map((row) => toMessageDto(row, booking.customerSeenSeq ?? 0)),
      approved_total_nok: approvedOre / 100,
    },
    meta: { next_cursor: hasMore && oldest ? encodeCursor([oldest.seq]) : null, has_more: hasMore },
  });
}

interface ThreadBookingRow {
  id: number;
  reference: string;
  status: BookingRow["status"];
  service: string;
  scheduledAt: Date;
  vehicleRegistration: string;
  vehicleMake: string | null;
  vehicleModel: string | null;
  customerId: number;
  customerName: string;
  customerEmail: string | null;
  customerPhone: string | null;
  threadId: number | null;
  unreadCount: number | null;
  messageCount: number | null;
  customerMessageCount: number | null;
  state: "OPEN" | "WAITING" | "DONE" | "SNOOZED" | null;
  snoozedUntil: Date | null;
  customerSeenSeq: number | null;
  assigneeId: string | null;
  assigneeName: string | null;
  readCustomerCount: number | null;
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
