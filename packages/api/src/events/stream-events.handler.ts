import { tracked } from "@trpc/server";
import type { PrismaClient } from "@minbil/db/client";
import { numbered, toEventDto } from "./event-dto";
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

/** An event row as read after a seq: numbered (see append-event.ts). */
type EventRow = Awaited<ReturnType<PrismaClient["event"]["findMany"]>>[number] & { seq: number };

/** Per database: the event-log read in flight for each workshop and position, and when it started. */
const readsInFlight = new WeakMap<PrismaClient, Map<string, { startedAt: number; rows: Promise<EventRow[]> }>>();
/** Orders the start of reads against the moments streams were woken (a counter, not a clock). */
let ticks = 0;
const now = () => ++ticks;

/**
 * The next events of a workshop after `after`. An event wakes every open stream of its workshop at
 * once, and streams that are up to date all ask for the same rows: they share one query rather than
 * each making its own (200 streams, one read). A stream joins only a read that started after
 * `freshSince` (its last wake-up), so the read began after the commit that woke it and sees its event.
 */
function readEventsAfter(db: PrismaClient, workshopId: string, after: number, freshSince: number): Promise<EventRow[]> {
  let reads = readsInFlight.get(db);
  if (!reads) readsInFlight.set(db, (reads = new Map()));
  const key = `${workshopId}:${after}`;
  const running = reads.get(key);
  if (running && running.startedAt > freshSince) return running.rows;
  const read = {
    startedAt: now(),
    rows: db.event.findMany({ where: { workshopId, seq: { gt: after } }, orderBy: { seq: "asc" }, take: BATCH }).then(numbered),
  };
  reads.set(key, read);
  void read.rows.finally(() => reads.get(key) === read && reads.delete(key)).catch(() => {});
  return read.rows;
}

/** Streams that shared a read share the rows, and so each row's validated DTO: made once, not per stream. */
const dtos = new WeakMap<EventRow, ReturnType<typeof toEventDto>>();
function dtoOf(row: EventRow): ReturnType<typeof toEventDto> {
  let dto = dtos.get(row);
  if (!dto) dtos.set(row, (dto = toEventDto(row)));
  return dto;
}

/**
 * What a stream started with `announceStart` sends first: where it starts, as a tracked id, so a client
 * that reconnects before any event arrived still resumes from there (tRPC's retryLink resumes after
 * the last id it saw) instead of from a later present.
 */
export const STREAM_STARTED = { type: "stream.started" } as const;

/**
 * A workshop's events from the event log, oldest first, then live as they are written. Resumes after
 * `lastEventId` (the seq the client saw last, which SSE sends back on reconnect), so nothing is
 * missed across a dropped connection. Without one it starts at the present; a `lastEventId` past the
 * newest event (a database restored from a backup) starts there too. The stream ends as soon as its
 * caller loses the right to it: a revoked token or an ended session hears nothing more.
 */
export async function* streamEvents(
  deps: StreamEventsDeps,
  input: { lastEventId?: string | null; announceStart?: boolean },
  signal: AbortSignal | undefined,
) {
  const { db, workshopId } = deps;
  const recheckMs = deps.recheckMs ?? AUTH_RECHECK_MS;
  const newest = (await db.workshop.findUniqueOrThrow({ where: { id: workshopId }, select: { eventSeq: true } })).eventSeq;
  const given = input.lastEventId && /^\d+$/.test(input.lastEventId) ? Number(input.lastEventId) : null;
  let last = given !== null && given <= newest ? given : newest;
  if (input.announceStart && last !== given) yield tracked(String(last), STREAM_STARTED);

  let wake: (() => void) | null = null;
  let pending = false;
  let checkedAt = Date.now();
  // Lag is measured for events committed while the stream is open; a resumed stream's catch-up of older
  // events would otherwise read as minutes of lag.
  const openedAt = new Date();
  let wokenAt = now();
  const unsubscribe = deps.events.subscribe(workshopId, () => {
    wokenAt = now();
    pending = true;
    wake?.();
  });
  openEventStreams.inc();
  try {
    while (!signal?.aborted) {
      pending = false;
      const rows = await readEventsAfter(db, workshopId, last, wokenAt);
      if (rows.length || Date.now() - checkedAt >= recheckMs) {
        if (!(await deps.stillAllowed())) return;
        checkedAt = Date.now();
      }
      for (const row of rows) {
        last = row.seq;
        if (row.createdAt >= openedAt) eventDeliveryLag.observe({ target: "stream" }, secondsSince(row.createdAt));
        yield tracked(String(row.seq), dtoOf(row));
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
