import type { z } from "zod";
import { Prisma, type PrismaClient } from "@minbil/db/client";
import { sqlIn, type Sql } from "@minbil/db/sql-transaction";
import type { updateThreadInput } from "@minbil/contracts/messages/update-thread.schema";
import { bookingStatusSchema, threadSummaryDto, type BookingStatus, type ThreadSummaryDto } from "@minbil/contracts/dto";
import type { Actor } from "../auth/auth-context";
import { changedBy } from "../auth/changed-by";
import { appendEvent, type AppendedEvent } from "../events/append-event";
import type { EventBus } from "../events/event-bus";
import { bookingNotFound, fieldError } from "../errors";
import { listThreads } from "../messages/list-threads.handler";
import { fromThreadState, toThreadState } from "./thread-fields";
import { writeStatusLine } from "./status-line";

export interface UpdateThreadDeps {
  db: PrismaClient;
  events: EventBus;
  workshopId: string;
  actor: Actor;
}

/**
 * Changes where a thread stands, who handles it, and the booking's status, in one transaction; each
 * change is an event (thread.state_changed, thread.assigned, booking.status_changed), and a status
 * change is also a line in the thread. Answers with the thread as the inbox lists it.
 */
export async function updateThread(deps: UpdateThreadDeps, input: z.output<typeof updateThreadInput>): Promise<ThreadSummaryDto> {
  const { db, workshopId, actor } = deps;
  const by = changedBy(actor);
  const events = await db.$transaction(async (tx) => {
    const [thread] = await tx.$queryRaw<
      { state: "OPEN" | "WAITING" | "DONE" | "SNOOZED"; snoozed_until: Date | null; assignee_id: string | null }[]
    >`
      SELECT state, snoozed_until, assignee_id FROM threads WHERE booking_id = ${input.booking_id} AND workshop_id = ${workshopId} FOR UPDATE`;
    if (!thread) throw bookingNotFound(input.booking_id);
    const appended: AppendedEvent[] = [];

    const nextState = input.state ?? (input.snoozed_until !== undefined ? "snoozed" : undefined);
    if (nextState !== undefined) {
      const snoozedUntil = nextState === "snoozed" ? new Date(input.snoozed_until!) : null;
      const changed = fromThreadState(nextState) !== thread.state || snoozedUntil?.getTime() !== thread.snoozed_until?.getTime();
      if (changed) {
        await tx.thread.update({ where: { bookingId: input.booking_id }, data: { state: fromThreadState(nextState), snoozedUntil } });
        appended.push(
          await appendEvent(sqlIn(tx), {
            workshopId,
            type: "thread.state_changed",
            bookingId: input.booking_id,
            payload: {
              booking_id: input.booking_id,
              state: nextState,
              previous_state: toThreadState(thread.state),
              snoozed_until: snoozedUntil?.toISOString() ?? null,
              reason: "change",
              by,
            },
            unreadDelta: 0,
          }),
        );
      }
    }

    if (input.assignee_id !== undefined && input.assignee_id !== thread.assignee_id) {
      const assignee = input.assignee_id
        ? await tx.user.findFirst({ where: { id: input.assignee_id, workshopId, disabledAt: null }, select: { id: true, name: true } })
        : null;
      if (input.assignee_id && !assignee) throw fieldError("assignee_id", "assignee_id is not an active staff member of this workshop");
      await tx.thread.update({ where: { bookingId: input.booking_id }, data: { assigneeId: assignee?.id ?? null } });
      appended.push(
        await appendEvent(sqlIn(tx), {
          workshopId,
          type: "thread.assigned",
          bookingId: input.booking_id,
          payload: { booking_id: input.booking_id, assignee, previous_assignee_id: thread.assignee_id, by } as Prisma.InputJsonValue,
          unreadDelta: 0,
        }),
      );
    }

    if (input.booking_status !== undefined)
      appended.push(...(await changeBookingStatus(sqlIn(tx), deps, input.booking_id, input.booking_status)));
    return appended;
  });
  for (const event of events) deps.events.publish(event);
  return threadAsListed(deps, input.booking_id);
}

/**
 * Sets a booking's status and writes it as a line in the thread; returns the events written (none when
 * the booking already has that status). Used by PATCH .../thread/{id} and by a send with a template.
 */
export async function changeBookingStatus(
  sql: Sql,
  deps: { workshopId: string; actor: Actor },
  bookingId: number,
  status: BookingStatus,
): Promise<AppendedEvent[]> {
  const [booking] = await sql.rows<{ status: string }>(
    Prisma.sql`SELECT status::text AS status FROM bookings WHERE id = ${bookingId}::int AND workshop_id = ${deps.workshopId}`,
  );
  if (!booking) throw bookingNotFound(bookingId);
  const previous = bookingStatusSchema.parse(booking.status.toLowerCase());
  if (previous === status) return [];
  const now = new Date();
  // Customer links end 30 days after a booking closes (and work again if it is reopened).
  const closedAt = status === "completed" || status === "cancelled" ? now : null;
  await sql.execute(Prisma.sql`
    UPDATE bookings SET status = ${status.toUpperCase()}::"BookingStatus", closed_at = ${closedAt}::timestamp, updated_at = ${now}::timestamp
    WHERE id = ${bookingId}::int`);
  const { message, event: messageEvent } = await writeStatusLine(sql, {
    workshopId: deps.workshopId,
    bookingId,
    actor: deps.actor,
    status,
  });
  const statusEvent = await appendEvent(sql, {
    workshopId: deps.workshopId,
    type: "booking.status_changed",
    bookingId,
    payload: { booking_id: bookingId, status, previous_status: previous, message_id: message.id, by: changedBy(deps.actor) },
    unreadDelta: 0,
  });
  return [messageEvent, statusEvent];
}

/** The thread as the inbox lists it (for the caller: a staff member sees their own unread). */
async function threadAsListed(deps: UpdateThreadDeps, bookingId: number): Promise<ThreadSummaryDto> {
  const viewerId = deps.actor.kind === "staff" ? deps.actor.userId : null;
  const { data } = await listThreads({ db: deps.db, workshopId: deps.workshopId, viewerId }, { limit: 1 }, { bookingId });
  return threadSummaryDto.parse(data[0]);
}
