import { sqlIn } from "@minbil/db/sql-transaction";
import type { PrismaClient } from "@minbil/db/client";
import { appendEvent, type AppendedEvent } from "../events/append-event";
import type { EventBus } from "../events/event-bus";

/**
 * Snoozed threads whose time has come are open again: done by the server (every app process looks
 * every few seconds; rows are claimed with SKIP LOCKED), also when nobody has the inbox open.
 */
export async function reopenExpiredSnoozes(deps: { db: PrismaClient; events: EventBus }, now = new Date()): Promise<number> {
  const events = await deps.db.$transaction(async (tx) => {
    const due = await tx.$queryRaw<{ booking_id: number; workshop_id: string; snoozed_until: Date }[]>`
      SELECT booking_id, workshop_id, snoozed_until FROM threads
      WHERE state = 'SNOOZED' AND snoozed_until <= ${now}
      ORDER BY snoozed_until
      LIMIT 200
      FOR UPDATE SKIP LOCKED`;
    const appended: AppendedEvent[] = [];
    // Events of several workshops in one order of workshop id: each workshop row is locked when the
    // events are numbered at commit (append-event.ts), and two runs must not take them crosswise.
    due.sort((a, b) => (a.workshop_id < b.workshop_id ? -1 : a.workshop_id > b.workshop_id ? 1 : a.booking_id - b.booking_id));
    for (const thread of due) {
      await tx.thread.update({ where: { bookingId: thread.booking_id }, data: { state: "OPEN", snoozedUntil: null } });
      appended.push(
        await appendEvent(sqlIn(tx), {
          workshopId: thread.workshop_id,
          type: "thread.state_changed",
          bookingId: thread.booking_id,
          payload: {
            booking_id: thread.booking_id,
            state: "open",
            previous_state: "snoozed",
            snoozed_until: null,
            reason: "snooze_expired",
            by: { type: "system", id: null, name: "MinBil" },
          },
          unreadDelta: 0,
        }),
      );
    }
    return appended;
  });
  for (const event of events) deps.events.publish(event);
  return events.length;
}
