import type { PrismaClient } from "@minbil/db/client";
import type { SendMessageCommand } from "@minbil/contracts/messages/send-message.schema";
import type { SendMessageResultDto } from "@minbil/contracts/dto";
import type { AttachmentStorage } from "../attachments/storage";
import type { EventBus } from "../events/event-bus";
import type { ResolvedLink } from "../customer-links/resolve-customer-link";
import { sendMessage } from "../messages/send-message.handler";

/**
 * The customer writes on their page: a customer message in their booking's thread, stored by the same
 * send as every other message (the same limits and byte checks on photos, unread for the workshop,
 * live in the inbox, an event and webhooks). The send refuses anything but a plain customer message.
 */
export function sendCustomerMessage(
  deps: { db: PrismaClient; storage: AttachmentStorage; events: EventBus },
  link: ResolvedLink,
  input: SendMessageCommand,
): Promise<SendMessageResultDto> {
  return sendMessage(
    {
      db: deps.db,
      storage: deps.storage,
      events: deps.events,
      workshopId: link.workshopId,
      actor: { kind: "customer", linkId: link.linkId, name: link.customerName },
    },
    { ...input, booking_id: link.bookingId, sender_type: "customer" },
  );
}
