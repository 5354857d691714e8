import type { PrismaClient } from "@minbil/db/client";
import type { EventBus } from "../../events/event-bus";
import type { DeliveryReport } from "../channel-adapter";
import { appendDeliveryUpdated } from "../outbox/delivery-updated";

const RANK = { QUEUED: 0, SENT: 1, DELIVERED: 2, FAILED: 2 } as const;

/**
 * A provider's delivery report. Reports can arrive out of order (a late "sent" after "delivered"), so
 * a status only moves forward. Returns whether anything changed.
 */
export async function recordDeliveryReport(
  deps: { db: PrismaClient; events: EventBus },
  channel: "SMS" | "EMAIL",
  report: DeliveryReport,
): Promise<boolean> {
  const status = report.status.toUpperCase() as "SENT" | "DELIVERED" | "FAILED";
  const updated = await deps.db.$transaction(async (tx) => {
    const delivery = await tx.messageDelivery.findFirst({
      where: { channel, providerId: report.providerId },
      select: { id: true, status: true, messageId: true },
    });
    if (!delivery || RANK[status] <= RANK[delivery.status]) return null;
    await tx.messageDelivery.update({
      where: { id: delivery.id },
      data: { status, error: status === "FAILED" ? report.error : null },
    });
    return appendDeliveryUpdated(tx, delivery.messageId);
  });
  if (updated) deps.events.publish(updated.event);
  return updated !== null;
}
