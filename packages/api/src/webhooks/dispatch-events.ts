import type { PrismaClient } from "@minbil/db/client";
import { numbered, toEventDto } from "../events/event-dto";
import { logger } from "../logger";
import { newDeliveryId } from "./webhook-ids";

const ENDPOINTS_PER_ROUND = 50;
const EVENTS_PER_ENDPOINT = 500;

/**
 * Turns new events of the event log into deliveries, per endpoint from its durable position: an event
 * committed before a crash is still in the log, and becomes a delivery when any process next runs this.
 * Endpoints are claimed with FOR UPDATE SKIP LOCKED, so app processes sharing a database split the work;
 * (endpoint, event) is unique, so a delivery is never made twice. Returns the number of deliveries made.
 */
export async function dispatchEvents(db: PrismaClient): Promise<number> {
  // Runs after every event: first one plain read whether any endpoint is behind, so that the common
  // answer (none) costs no transaction.
  const [behind] = await db.$queryRaw<unknown[]>`
    SELECT 1 FROM webhook_endpoints e JOIN workshops w ON w.id = e.workshop_id
    WHERE e.enabled AND e.position < w.event_seq LIMIT 1`;
  if (!behind) return 0;
  return db.$transaction(async (tx) => {
    const endpoints = await tx.$queryRaw<{ id: string; workshop_id: string; position: number; event_types: string[] }[]>`
      SELECT e.id, e.workshop_id, e.position, e.event_types
      FROM webhook_endpoints e JOIN workshops w ON w.id = e.workshop_id
      WHERE e.enabled AND e.position < w.event_seq
      ORDER BY e.id
      LIMIT ${ENDPOINTS_PER_ROUND}
      FOR UPDATE OF e SKIP LOCKED`;
    let made = 0;
    for (const endpoint of endpoints) {
      const events = numbered(
        await tx.event.findMany({
          where: { workshopId: endpoint.workshop_id, seq: { gt: endpoint.position } },
          orderBy: { seq: "asc" },
          take: EVENTS_PER_ENDPOINT,
        }),
      );
      const last = events.at(-1);
      if (!last) continue;
      const wanted = events.filter((event) => endpoint.event_types.length === 0 || endpoint.event_types.includes(event.type));
      // An event that no longer fits its published shape is left out (and logged) rather than thrown:
      // a throw would roll back this round for every workshop's endpoints, round after round.
      const shaped = wanted.flatMap((event) => {
        try {
          return [{ event, payload: toEventDto(event) }];
        } catch (error) {
          logger.error(
            { err: error, workshopId: event.workshopId, seq: event.seq, type: event.type },
            "event left out of webhooks: invalid",
          );
          return [];
        }
      });
      if (shaped.length) {
        const now = new Date();
        const { count } = await tx.webhookDelivery.createMany({
          data: shaped.map(({ event, payload }) => ({
            id: newDeliveryId(),
            endpointId: endpoint.id,
            workshopId: endpoint.workshop_id,
            eventSeq: event.seq,
            eventType: event.type,
            payload,
            nextAttemptAt: now,
          })),
          skipDuplicates: true,
        });
        made += count;
      }
      await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { position: last.seq } });
    }
    return made;
  });
}
