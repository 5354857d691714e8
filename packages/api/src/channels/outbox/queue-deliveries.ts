import { randomUUID } from "node:crypto";
import type { Prisma } from "@minbil/db/client";
import { toE164 } from "../sms/phone-number";

/** An e-mail address as opt-outs and deliveries keep it. */
export function normaliseEmail(email: string | null | undefined): string | null {
  const trimmed = email?.trim().toLowerCase();
  return trimmed && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed) ? trimmed : null;
}

/**
 * Queues the customer's notifications of a workshop message, inside the message's transaction: one
 * delivery per channel the workshop has turned on, for which the customer has an address and has not
 * opted out. The worker (delivery-worker.ts) sends them after the commit; a rolled-back message
 * queues nothing. Returns the queued rows as the message's delivery shows them.
 */
export async function queueDeliveries(
  tx: Prisma.TransactionClient,
  message: { workshopId: string; bookingId: number; messageId: number; createdAt: Date },
) {
  // One query: the workshop's switches, the customer's addresses, and the workshop's opt-outs of them.
  const booking = await tx.booking.findUnique({
    where: { id: message.bookingId },
    select: {
      customer: { select: { phone: true, email: true } },
      workshop: { select: { channelSettings: { select: { smsEnabled: true, emailEnabled: true } } } },
    },
  });
  const settings = booking?.workshop.channelSettings;
  if (!booking || !settings || (!settings.smsEnabled && !settings.emailEnabled)) return [];
  const candidates = [
    { channel: "SMS" as const, address: settings.smsEnabled ? toE164(booking.customer.phone) : null },
    { channel: "EMAIL" as const, address: settings.emailEnabled ? normaliseEmail(booking.customer.email) : null },
  ].filter((candidate): candidate is { channel: "SMS" | "EMAIL"; address: string } => candidate.address !== null);
  if (!candidates.length) return [];
  const optedOut = await tx.channelOptOut.findMany({
    where: { workshopId: message.workshopId, OR: candidates.map(({ channel, address }) => ({ channel, address })) },
    select: { channel: true },
  });
  const rows = candidates
    .filter(({ channel }) => !optedOut.some((optOut) => optOut.channel === channel))
    .map(({ channel, address }) => ({
      id: `dlv_${randomUUID().replaceAll("-", "")}`,
      workshopId: message.workshopId,
      bookingId: message.bookingId,
      messageId: message.messageId,
      channel,
      recipient: address,
      nextAttemptAt: message.createdAt,
      createdAt: message.createdAt,
      updatedAt: message.createdAt,
    }));
  if (rows.length) await tx.messageDelivery.createMany({ data: rows });
  return rows.map((row) => ({ channel: row.channel, status: "QUEUED" as const, error: null, attemptCount: 0, updatedAt: row.updatedAt }));
}
