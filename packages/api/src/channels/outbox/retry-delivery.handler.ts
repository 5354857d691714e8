import type { PrismaClient } from "@minbil/db/client";
import { retryDeliveryResultDto, type RetryDeliveryInput, type RetryDeliveryResultDto } from "@minbil/contracts/channels/channels.schema";
import { apiError } from "../../errors";
import type { EventBus } from "../../events/event-bus";
import { appendDeliveryUpdated } from "./delivery-updated";

/**
 * Staff send a message's notifications again: every channel that failed, or that waits for a retry
 * after an error, is queued now with a fresh retry schedule. 409 when there is nothing to retry.
 */
export async function retryDelivery(
  deps: { db: PrismaClient; events: EventBus; workshopId: string },
  input: RetryDeliveryInput,
): Promise<RetryDeliveryResultDto> {
  const message = await deps.db.message.findFirst({
    where: { id: input.message_id, workshopId: deps.workshopId },
    select: { id: true, bookingId: true },
  });
  if (!message) throw apiError("NOT_FOUND", `Message ${input.message_id} not found`);
  const updated = await deps.db.$transaction(async (tx) => {
    const { count } = await tx.messageDelivery.updateMany({
      where: { messageId: message.id, OR: [{ status: "FAILED" }, { status: "QUEUED", error: { not: null } }] },
      data: { status: "QUEUED", attemptCount: 0, nextAttemptAt: new Date(), lockedUntil: null },
    });
    return count ? appendDeliveryUpdated(tx, message.id) : null;
  });
  if (!updated) throw apiError("CONFLICT", "This message has no failed notification to send again");
  deps.events.publish(updated.event);
  return retryDeliveryResultDto.parse({ message_id: message.id, booking_id: message.bookingId, delivery: updated.delivery });
}
