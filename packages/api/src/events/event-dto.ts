import { eventId, workshopEventDto, type WorkshopEventDto } from "@minbil/contracts/events/event.schema";

/** An events row as the API shows it: the same for the live stream, the feed and webhooks. */
export function toEventDto(row: {
  workshopId: string;
  seq: number;
  type: string;
  bookingId: number | null;
  payload: unknown;
  createdAt: Date;
}): WorkshopEventDto {
  return workshopEventDto.parse({
    id: eventId(row.workshopId, row.seq),
    seq: row.seq,
    type: row.type,
    booking_id: row.bookingId,
    created_at: row.createdAt.toISOString(),
    data: row.payload,
  });
}

/**
 * Events read with `seq > n`: an event gets its seq as its transaction commits (see append-event.ts),
 * so a row another transaction can read always has one; this only tells the type system so.
 */
export function numbered<T extends { seq: number | null }>(rows: T[]): (T & { seq: number })[] {
  return rows.filter((row): row is T & { seq: number } => row.seq !== null);
}
