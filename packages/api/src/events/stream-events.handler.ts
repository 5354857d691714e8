import { tracked } from "@trpc/server";
import type { PrismaClient } from "@minbil/db/client";
import { workshopEventDto, type WorkshopEventDto } from "@minbil/contracts/dto";
import type { EventBus } from "./event-bus";

const BATCH = 100;
/** Without a signal from this process (e.g. a change made by another server), look again this often. */
const POLL_MS = 15_000;

/**
 * A workshop's events from the event log, oldest first, then live as they are written. Resumes after
 * `lastEventId` (the seq the client saw last, which SSE sends back on reconnect), so nothing is
 * missed across a dropped connection. Without one it starts at the present.
 */
export async function* streamEvents(
  deps: { db: PrismaClient; events: EventBus; workshopId: string },
  input: { lastEventId?: string | null },
  signal: AbortSignal | undefined,
) {
  const { db, workshopId } = deps;
  let last =
    input.lastEventId && /^\d+$/.test(input.lastEventId)
      ? Number(input.lastEventId)
      : (await db.workshop.findUniqueOrThrow({ where: { id: workshopId }, select: { eventSeq: true } })).eventSeq;

  let wake: (() => void) | null = null;
  let pending = false;
  const unsubscribe = deps.events.subscribe(workshopId, () => {
    pending = true;
    wake?.();
  });
  try {
    while (!signal?.aborted) {
      pending = false;
      const rows = await db.event.findMany({ where: { workshopId, seq: { gt: last } }, orderBy: { seq: "asc" }, take: BATCH });
      for (const row of rows) {
        last = row.seq;
        const event: WorkshopEventDto = workshopEventDto.parse({
          seq: row.seq,
          type: row.type,
          booking_id: row.bookingId,
          created_at: row.createdAt.toISOString(),
          data: row.payload,
        });
        yield tracked(String(row.seq), event);
      }
      if (rows.length === BATCH || pending || signal?.aborted) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, POLL_MS);
        function done() {
          clearTimeout(timer);
          signal?.removeEventListener("abort", done);
          wake = null;
          resolve();
        }
        wake = done;
        signal?.addEventListener("abort", done);
      });
    }
  } finally {
    unsubscribe();
  }
}
