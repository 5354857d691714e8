import { tracked } from "@trpc/server";
import type { PrismaClient } from "@minbil/db/client";
import { toEventDto } from "./event-dto";
import type { EventBus } from "./event-bus";
import { eventDeliveryLag, openEventStreams, secondsSince } from "../metrics/metrics";

const BATCH = 100;
/** Without a signal from this process (e.g. a change made by another server), look again this often. */
const POLL_MS = 15_000;
/** An open stream asks this often (and before every batch it sends) whether its caller is still allowed in. */
export const AUTH_RECHECK_MS = 10_000;

export interface StreamEventsDeps {
  db: PrismaClient;
  events: EventBus;
  workshopId: string;
  /** Whether the caller may still listen (token not revoked, session not ended, user not disabled). */
  stillAllowed: () => Promise<boolean>;
  recheckMs?: number;
}

/**
 * A workshop's events from the event log, oldest first, then live as they are written. Resumes after
 * `lastEventId` (the seq the client saw last, which SSE sends back on reconnect), so nothing is
 * missed across a dropped connection. Without one it starts at the present. The stream ends as soon
 * as its caller loses the right to it: a revoked token or an ended session hears nothing more.
 */
export async function* streamEvents(deps: StreamEventsDeps, input: { lastEventId?: string | null }, signal: AbortSignal | undefined) {
  const { db, workshopId } = deps;
  const recheckMs = deps.recheckMs ?? AUTH_RECHECK_MS;
  let last =
    input.lastEventId && /^\d+$/.test(input.lastEventId)
      ? Number(input.lastEventId)
      : (await db.workshop.findUniqueOrThrow({ where: { id: workshopId }, select: { eventSeq: true } })).eventSeq;

  let wake: (() => void) | null = null;
  let pending = false;
  let checkedAt = Date.now();
  // Lag is measured for events committed while the stream is open; a resumed stream's catch-up of older
  // events would otherwise read as minutes of lag.
  const openedAt = new Date();
  const unsubscribe = deps.events.subscribe(workshopId, () => {
    pending = true;
    wake?.();
  });
  openEventStreams.inc();
  try {
    while (!signal?.aborted) {
      pending = false;
      const rows = await db.event.findMany({ where: { workshopId, seq: { gt: last } }, orderBy: { seq: "asc" }, take: BATCH });
      if (rows.length || Date.now() - checkedAt >= recheckMs) {
        if (!(await deps.stillAllowed())) return;
        checkedAt = Date.now();
      }
      for (const row of rows) {
        last = row.seq;
        if (row.createdAt >= openedAt) eventDeliveryLag.observe({ target: "stream" }, secondsSince(row.createdAt));
        yield tracked(String(row.seq), toEventDto(row));
      }
      if (rows.length === BATCH || pending || signal?.aborted) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(POLL_MS, recheckMs));
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
    openEventStreams.dec();
    unsubscribe();
  }
}
