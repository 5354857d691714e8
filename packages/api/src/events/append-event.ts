import type { Prisma } from "@minbil/db/client";

import type { EventType } from "@minbil/contracts/events/event.schema";

export type WorkshopEventType = EventType;

export interface AppendedEvent {
  workshopId: string;
  seq: number;
  type: WorkshopEventType;
  bookingId: number | null;
}

/**
 * Writes an event row inside the caller's transaction, with the workshop's next sequence number, and
 * applies `unreadDelta` to the workshop's unread total. Taking the workshop row lock here orders events
 * by commit: a reader never sees seq N+1 before seq N. Call it after locking the thread row, so every
 * writer takes the locks in the same order (thread, then workshop) and none can deadlock another.
 */
export async function appendEvent(
  tx: Prisma.TransactionClient,
  event: { workshopId: string; type: WorkshopEventType; bookingId: number | null; payload: Prisma.InputJsonValue; unreadDelta: number },
): Promise<AppendedEvent> {
  // One statement: take the next number (locking the workshop row) and write the event with it.
  const [row] = await tx.$queryRaw<{ seq: number }[]>`
    WITH next AS (
      UPDATE workshops SET event_seq = event_seq + 1, unread_total = unread_total + ${event.unreadDelta}
      WHERE id = ${event.workshopId}
      RETURNING event_seq
    )
    INSERT INTO events (workshop_id, seq, type, booking_id, payload)
    SELECT ${event.workshopId}, event_seq, ${event.type}, ${event.bookingId}, ${JSON.stringify(event.payload)}::jsonb FROM next
    RETURNING seq`;
  if (!row) throw new Error(`Workshop ${event.workshopId} does not exist`);
  return { workshopId: event.workshopId, seq: row.seq, type: event.type, bookingId: event.bookingId };
}
