import { randomUUID } from "node:crypto";
import { Prisma } from "@minbil/db/client";
import type { Sql } from "@minbil/db/sql-transaction";
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
export async function queueDeliveries(sql: Sql, message: { workshopId: string; bookingId: number; messageId: number; createdAt: Date }) {
  // One query: the workshop's switches and the customer's addresses; a second for the opt-outs of them.
  const [booking] = await sql.rows<{
    phone: string | null;
    email: string | null;
    smsEnabled: boolean | null;
    emailEnabled: boolean | null;
  }>(
    Prisma.sql`
    SELECT c.phone, c.email, s.sms_enabled AS "smsEnabled", s.email_enabled AS "emailEnabled"
    FROM bookings b
    JOIN customers c ON c.id = b.customer_id
    LEFT JOIN workshop_channel_settings s ON s.workshop_id = b.workshop_id
    WHERE b.id = ${message.bookingId}::int`,
  );
  if (!booking || (!booking.smsEnabled && !booking.emailEnabled)) return [];
  const candidates = [
    { channel: "SMS" as const, address: booking.smsEnabled ? toE164(booking.phone) : null },
    { channel: "EMAIL" as const, address: booking.emailEnabled ? normaliseEmail(booking.email) : null },
  ].filter((candidate): candidate is { channel: "SMS" | "EMAIL"; address: string } => candidate.address !== null);
  if (!candidates.length) return [];
  const optedOut = await sql.rows<{ channel: "SMS" | "EMAIL" }>(Prisma.sql`
    SELECT channel::text AS channel FROM channel_opt_outs
    WHERE workshop_id = ${message.workshopId}
      AND (${Prisma.join(
        candidates.map(({ channel, address }) => Prisma.sql`(channel = ${channel}::"DeliveryChannel" AND address = ${address})`),
        " OR ",
      )})`);
  const rows = candidates
    .filter(({ channel }) => !optedOut.some((optOut) => optOut.channel === channel))
    .map(({ channel, address }) => ({ id: `dlv_${randomUUID().replaceAll("-", "")}`, channel, recipient: address }));
  if (rows.length) {
    await sql.execute(Prisma.sql`
      INSERT INTO message_deliveries (id, workshop_id, booking_id, message_id, channel, recipient, next_attempt_at, created_at, updated_at)
      VALUES ${Prisma.join(
        rows.map(
          (row) => Prisma.sql`(${row.id}, ${message.workshopId}, ${message.bookingId}::int, ${message.messageId}::int,
                               ${row.channel}::"DeliveryChannel", ${row.recipient}, ${message.createdAt}::timestamp,
                               ${message.createdAt}::timestamp, ${message.createdAt}::timestamp)`,
        ),
      )}`);
  }
  return rows.map((row) => ({
    channel: row.channel,
    status: "QUEUED" as const,
    error: null,
    attemptCount: 0,
    updatedAt: message.createdAt,
  }));
}
