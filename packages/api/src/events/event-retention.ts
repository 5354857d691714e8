import type { PrismaClient } from "@minbil/db/client";
import { apiError, fieldError } from "../errors";

/**
 * Where a reader may resume: `after` must not be older than the retained events, or the reader would
 * silently miss what was removed. 410 EVENTS_EXPIRED names the oldest seq still there, so a partner
 * knows to resynchronise (read the current state) and continue from there. Nor may it be past the
 * newest event: a reader carrying on from there would skip every event up to it (422 names the newest).
 */
export async function checkResumePoint(db: PrismaClient, workshopId: string, after: number): Promise<void> {
  const workshop = await db.workshop.findUniqueOrThrow({ where: { id: workshopId }, select: { eventFloorSeq: true, eventSeq: true } });
  if (after > workshop.eventSeq) {
    throw fieldError(
      "after",
      `after (${after}) is past the newest event (${workshop.eventSeq}): pass the seq of an event you have read, or leave it out`,
    );
  }
  if (after < workshop.eventFloorSeq) {
    const oldest = workshop.eventFloorSeq + 1;
    throw apiError(
      "EVENTS_EXPIRED",
      `Events after ${after} are no longer kept: the oldest available is ${oldest}. Resynchronise, then read after ${oldest - 1}.`,
      [{ field: "after", message: `older than the oldest kept event (${oldest})` }],
      undefined,
      { oldest_seq: oldest },
    );
  }
}

/**
 * Removes events older than the retention period, oldest first per workshop (by seq, so what stays is
 * contiguous), and records per workshop the highest seq removed. One statement.
 */
export async function purgeExpiredEvents(db: PrismaClient, retentionDays: number, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * 24 * 60 * 60 * 1000);
  const [row] = await db.$queryRaw<{ removed: bigint }[]>`
    WITH floors AS (
      SELECT workshop_id, max(seq) AS floor FROM events WHERE created_at < ${cutoff} GROUP BY workshop_id
    ), removed AS (
      DELETE FROM events e USING floors f WHERE e.workshop_id = f.workshop_id AND e.seq <= f.floor RETURNING 1
    ), moved AS (
      UPDATE workshops w SET event_floor_seq = f.floor FROM floors f WHERE w.id = f.workshop_id AND f.floor > w.event_floor_seq RETURNING 1
    )
    SELECT (SELECT count(*) FROM removed) AS removed`;
  return Number(row?.removed ?? 0);
}
