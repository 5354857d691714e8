import { sqlIn } from "@minbil/db/sql-transaction";
import type { PrismaClient } from "@minbil/db/client";
import type { DecideEstimateInput, EstimateDto } from "@minbil/contracts/estimates/estimate.schema";
import type { Actor } from "../auth/auth-context";
import { changedBy } from "../auth/changed-by";
import { apiError, fieldError } from "../errors";
import { appendEvent } from "../events/append-event";
import type { EventBus } from "../events/event-bus";
import { estimateSelect, toEstimateDto } from "./estimate.select";
import { osloDate } from "./oslo-day";
import { toThreadState } from "../threads/thread-fields";

export interface DecideEstimateDeps {
  db: PrismaClient;
  events: EventBus;
  workshopId: string;
  actor: Actor;
  /** Where the decision comes from: the customer's page, or a partner recording it through the API. */
  via: "customer_page" | "api";
}

const DECISION = { approved: "APPROVED", declined: "DECLINED" } as const;

/**
 * Records the customer's decision on lines of an estimate. Each decision is final; an estimate past its
 * validity takes none. The decisions, the event `estimate.decided` and the new approved total commit together.
 */
export async function decideEstimate(deps: DecideEstimateDeps, input: DecideEstimateInput): Promise<EstimateDto> {
  const { estimate, events } = await deps.db.$transaction(async (tx) => {
    // Locks the thread first (every writer takes the thread, then the workshop), then the estimate: two
    // decisions on one line at once end with one of them, never both.
    const [thread] = await tx.$queryRaw<{ state: "OPEN" | "WAITING" | "DONE" | "SNOOZED" }[]>`
      SELECT state FROM threads WHERE booking_id = ${input.booking_id} AND workshop_id = ${deps.workshopId} FOR UPDATE`;
    if (!thread) throw apiError("NOT_FOUND", `Estimate ${input.estimate_id} was not found in booking ${input.booking_id}`);
    const locked = await tx.$queryRaw<{ message_id: number; valid_until: Date }[]>`
      SELECT e.message_id, e.valid_until FROM estimates e JOIN messages m ON m.id = e.message_id
      WHERE e.id = ${input.estimate_id} AND e.booking_id = ${input.booking_id} AND e.workshop_id = ${deps.workshopId}
        AND m.visibility = 'CUSTOMER'
      FOR UPDATE OF e`;
    const found = locked[0];
    if (!found) throw apiError("NOT_FOUND", `Estimate ${input.estimate_id} was not found in booking ${input.booking_id}`);
    const now = new Date();
    if (found.valid_until.getTime() < now.getTime()) {
      throw apiError(
        "CONFLICT",
        `Estimate ${input.estimate_id} was valid until ${osloDate(found.valid_until)}: it can no longer be decided`,
      );
    }
    const lines = await tx.estimateLine.findMany({ where: { estimateId: input.estimate_id }, select: { id: true, decision: true } });
    const byId = new Map(lines.map((line) => [line.id, line]));
    for (const [index, item] of input.decisions.entries()) {
      const line = byId.get(item.line_id);
      if (!line) throw fieldError(`decisions.${index}.line_id`, `${item.line_id} is not a line of estimate ${input.estimate_id}`);
      if (line.decision) {
        throw apiError("CONFLICT", `Line ${item.line_id} was already ${line.decision.toLowerCase()}: a decision is final`);
      }
    }
    for (const item of input.decisions) {
      await tx.estimateLine.update({
        where: { id: item.line_id },
        data: { decision: DECISION[item.decision], decidedAt: now, decidedVia: deps.via },
      });
    }
    const row = await tx.estimate.findUniqueOrThrow({ where: { id: input.estimate_id }, select: estimateSelect });
    const estimate = toEstimateDto(row, now);
    const event = await appendEvent(sqlIn(tx), {
      workshopId: deps.workshopId,
      type: "estimate.decided",
      bookingId: input.booking_id,
      payload: {
        booking_id: input.booking_id,
        estimate_id: input.estimate_id,
        message_id: found.message_id,
        decisions: input.decisions.map((item) => ({ line_id: item.line_id, decision: item.decision })),
        decided_via: deps.via,
        estimate,
        by: changedBy(deps.actor),
      },
      unreadDelta: 0,
    });
    const events = [event];
    // The customer has answered: the workshop has something to act on, so the thread is open again.
    if (thread.state !== "OPEN") {
      await tx.thread.update({ where: { bookingId: input.booking_id }, data: { state: "OPEN", snoozedUntil: null } });
      events.push(
        await appendEvent(sqlIn(tx), {
          workshopId: deps.workshopId,
          type: "thread.state_changed",
          bookingId: input.booking_id,
          payload: {
            booking_id: input.booking_id,
            state: "open",
            previous_state: toThreadState(thread.state),
            snoozed_until: null,
            reason: "estimate_decided",
            by: changedBy(deps.actor),
          },
          unreadDelta: 0,
        }),
      );
    }
    return { estimate, events };
  });
  for (const event of events) deps.events.publish(event);
  return estimate;
}
