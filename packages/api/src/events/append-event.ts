import { Prisma } from "@minbil/db/client";
import type { Sql } from "@minbil/db/sql-transaction";

import type { EventType } from "@minbil/contracts/events/event.schema";

export type WorkshopEventType = EventType;

/** An event written in a transaction; its seq is given when that transaction commits (below). */
export interface AppendedEvent {
  workshopId: string;
  type: WorkshopEventType;
  bookingId: number | null;
}

/**
 * Writes an event row inside the caller's transaction, and the change `unreadDelta` makes to the
 * workshop's unread total.
 *
 * How events stay in order without one hot row. Readers (the live stream, the feed, webhooks) resume
 * after the last seq they saw, so a workshop's seqs must become visible in order: a reader must never
 * see seq N+1 while N can still appear. Taking the workshop's next seq here, in the middle of the
 * transaction, did that by locking the workshop row until commit, so every send of a workshop queued
 * behind the one before it for its whole transaction (thread update, message insert, event, the
 * idempotency key …), whatever thread it was for.
 *
 * Instead the row is written without a seq, and a constraint trigger deferred to commit time
 * (migration 20261126092708_events_sequenced_at_commit) numbers it as the transaction's very last
 * step: it increments workshops.event_seq (and adds unread_delta to unread_total), which locks the
 * workshop row, and sets the event's seq. The lock is held from there to the end of the commit only,
 * so sends to different threads run their transactions side by side and queue only for that moment.
 * The order guarantee is the same as before: the transaction that took seq N holds the row lock until
 * it has committed (PostgreSQL releases locks after the commit is visible), so the one that takes
 * N+1 commits after it, and N is visible whenever N+1 is. A row without a seq is never visible to
 * anyone else (it gets one in the same commit); readers ask for seq > last, which a null never is.
 * Events of one thread keep their order too: writers lock the thread row first (before calling this),
 * so they commit, and are numbered, one after another. A transaction that writes events of several
 * workshops must write them in one order of workshop id, so that two of them never wait on each
 * other's workshop rows at commit.
 */
export async function appendEvent(
  sql: Sql,
  event: { workshopId: string; type: WorkshopEventType; bookingId: number | null; payload: Prisma.InputJsonValue; unreadDelta: number },
): Promise<AppendedEvent> {
  // created_at as UTC, like every time we write (a column default would be the server session's time
  // zone: the columns are `timestamp without time zone`).
  await sql.execute(Prisma.sql`
    INSERT INTO events (workshop_id, type, booking_id, payload, unread_delta, created_at)
    VALUES (${event.workshopId}, ${event.type}, ${event.bookingId}::int, ${JSON.stringify(event.payload)}::jsonb, ${event.unreadDelta}::int,
            ${new Date()}::timestamp)`);
  return { workshopId: event.workshopId, type: event.type, bookingId: event.bookingId };
}
