import type { Prisma } from "@minbil/db/client";

export type WorkshopEventType = "message.created" | "thread.read";

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
  const workshop = await tx.workshop.update({
    where: { id: event.workshopId },
    data: { eventSeq: { increment: 1 }, ...(event.unreadDelta ? { unreadTotal: { increment: event.unreadDelta } } : {}) },
    select: { eventSeq: true },
  });
  await tx.event.create({
    data: { workshopId: event.workshopId, seq: workshop.eventSeq, type: event.type, bookingId: event.bookingId, payload: event.payload },
  });
  return { workshopId: event.workshopId, seq: workshop.eventSeq, type: event.type, bookingId: event.bookingId };
}
