import type { PrismaClient } from "@minbil/db/client";
import type { EventBus } from "../../events/event-bus";
import { logger } from "../../logger";
import type { InboundMessage } from "../channel-adapter";
import { inboundText, isStopWord } from "./inbound-text";
import { receiveCustomerMessage } from "./receive-customer-message";

export type SmsOutcome = { kind: "message"; messageId: number } | { kind: "opted_out"; workshopId: string } | { kind: "ignored" };

/**
 * An SMS from a customer. The app texts from one number for every workshop, so the reply belongs to the
 * thread that last texted that number. "STOPP" stops SMS from that workshop to the number instead.
 */
export async function receiveSms(deps: { db: PrismaClient; events: EventBus }, sms: InboundMessage): Promise<SmsOutcome> {
  const last = await deps.db.messageDelivery.findFirst({
    where: { channel: "SMS", recipient: sms.from },
    orderBy: { createdAt: "desc" },
    select: { workshopId: true, bookingId: true },
  });
  if (!last) {
    // Nobody we texted: nothing to attach it to. The number is not logged (a customer's data).
    logger.info("incoming SMS from a number we have not texted; ignored");
    return { kind: "ignored" };
  }
  if (isStopWord(sms.text)) {
    await deps.db.channelOptOut.upsert({
      where: { workshopId_channel_address: { workshopId: last.workshopId, channel: "SMS", address: sms.from } },
      create: { workshopId: last.workshopId, channel: "SMS", address: sms.from, source: "sms_stop" },
      update: {},
    });
    return { kind: "opted_out", workshopId: last.workshopId };
  }
  const messageId = await receiveCustomerMessage(deps, { bookingId: last.bookingId, body: inboundText(sms.text) });
  return messageId === null ? { kind: "ignored" } : { kind: "message", messageId };
}
