import type { Prisma } from "@minbil/db/client";
import type { ChannelDeliveryDto, DeliveryChannel, MessageDeliveryDto } from "@minbil/contracts/dto";

/** A message's deliveries as the API shows them, loaded with the message (a join, not a query per message). */
export const deliverySelect = {
  select: { channel: true, status: true, error: true, attemptCount: true, updatedAt: true },
  orderBy: { channel: "asc" },
} satisfies Prisma.Message$deliveriesArgs;

type DeliveryRow = Prisma.MessageDeliveryGetPayload<typeof deliverySelect>;

export function toChannel(value: "SMS" | "EMAIL"): DeliveryChannel {
  return value === "SMS" ? "sms" : "email";
}

export function fromChannel(value: DeliveryChannel): "SMS" | "EMAIL" {
  return value === "sms" ? "SMS" : "EMAIL";
}

export function toChannelDelivery(row: DeliveryRow): ChannelDeliveryDto {
  return {
    channel: toChannel(row.channel),
    status: row.status.toLowerCase() as ChannelDeliveryDto["status"],
    error: row.error,
    attempts: row.attemptCount,
    updated_at: row.updatedAt.toISOString(),
  };
}

/**
 * Only the workshop's messages to the customer are notified, so only they carry a delivery; "seen" comes
 * from the customer page (the thread's customerSeenSeq), not from a channel.
 */
export function toMessageDelivery(
  message: { seq: number; senderType: string; visibility: string; deliveries: DeliveryRow[] },
  customerSeenSeq: number,
): MessageDeliveryDto | null {
  if (message.senderType !== "WORKSHOP" || message.visibility !== "CUSTOMER") return null;
  return { channels: message.deliveries.map(toChannelDelivery), seen: customerSeenSeq >= message.seq };
}
