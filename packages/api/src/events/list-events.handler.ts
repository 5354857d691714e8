import type { z } from "zod";
import type { PrismaClient } from "@minbil/db/client";
import { eventPageDto, type EventPageDto, type listEventsInput } from "@minbil/contracts/events/list-events.schema";
import type { EventBus } from "./event-bus";
import { numbered, toEventDto } from "./event-dto";
import { checkResumePoint } from "./event-retention";

/**
 * The event feed: a workshop's events after `after` in seq order (from the oldest kept event without
 * it). With `wait`, an empty answer is held until an event is written (in any process: the bus wakes
 * us) or the time is up, so partners can long-poll instead of polling every thread.
 */
export async function listEvents(
  deps: { db: PrismaClient; events: EventBus; workshopId: string },
  input: z.output<typeof listEventsInput>,
  signal?: AbortSignal,
): Promise<EventPageDto> {
  const { db, workshopId } = deps;
  const after =
    input.after ?? (await db.workshop.findUniqueOrThrow({ where: { id: workshopId }, select: { eventFloorSeq: true } })).eventFloorSeq;
  if (input.after !== undefined) await checkResumePoint(db, workshopId, after);

  const read = async () =>
    numbered(await db.event.findMany({ where: { workshopId, seq: { gt: after } }, orderBy: { seq: "asc" }, take: input.limit + 1 }));
  // Listening starts before the first read, so an event written in between still wakes us.
  const waiter = input.wait > 0 ? listenForEvent(deps.events, workshopId, input.wait * 1000, signal) : null;
  let rows;
  try {
    rows = await read();
    if (!rows.length && waiter) {
      await waiter.next;
      rows = await read();
    }
  } finally {
    waiter?.stop();
  }
  const page = rows.slice(0, input.limit);
  return eventPageDto.parse({
    data: page.map(toEventDto),
    meta: { next_after: page.at(-1)?.seq ?? after, has_more: rows.length > input.limit },
  });
}

/** `next` resolves at the workshop's next event, after `timeoutMs`, or when the request goes away. */
function listenForEvent(events: EventBus, workshopId: string, timeoutMs: number, signal?: AbortSignal) {
  let stop = () => {};
  const next = new Promise<void>((resolve) => {
    const timer = setTimeout(done, timeoutMs);
    const unsubscribe = events.subscribe(workshopId, done);
    signal?.addEventListener("abort", done);
    function done() {
      clearTimeout(timer);
      unsubscribe();
      signal?.removeEventListener("abort", done);
      resolve();
    }
    stop = done;
  });
  return { next, stop: () => stop() };
}
