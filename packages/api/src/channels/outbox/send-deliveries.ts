import type { PrismaClient } from "@minbil/db/client";
import type { DeliveryChannel } from "@minbil/contracts/dto";
import type { SecretBox } from "../../crypto/secret-box";
import type { EventBus } from "../../events/event-bus";
import { nextAttemptDelay } from "../../webhooks/retry-schedule";
import type { SendOutcome } from "../channel-adapter";
import { adapterFor, type ChannelServices } from "../channel-services";
import { replyAddress } from "../email/reply-address";
import { optOutUrl } from "../opt-out/opt-out-link";
import { appendDeliveryUpdated } from "./delivery-updated";
import { ensureCustomerLink } from "../../customer-links/ensure-customer-link";
import { emailNotification, smsNotification, type NotificationFacts } from "./notification-text";

export interface DeliveryDeps {
  db: PrismaClient;
  events: EventBus;
  secrets: SecretBox;
  publicBaseUrl: string;
  channels: ChannelServices;
}

interface Claimed {
  id: string;
  workshop_id: string;
  booking_id: number;
  message_id: number;
  channel: "SMS" | "EMAIL";
  recipient: string;
  attempt_count: number;
}

/** Longer than one send may take (15 s): a crashed process's claim runs out and another process sends. */
const LEASE = "60 seconds";

/**
 * Claims up to `limit` due deliveries on the channels this process has (FOR UPDATE SKIP LOCKED and a
 * lease, as webhook deliveries: processes sharing a database never send the same notification twice at
 * once). The attempt is counted at the claim.
 */
export async function claimDueDeliveries(db: PrismaClient, channels: ChannelServices, limit: number): Promise<Claimed[]> {
  const available = [...(channels.sms ? ["SMS"] : []), ...(channels.email ? ["EMAIL"] : [])];
  if (limit <= 0 || !available.length) return [];
  return db.$queryRaw<Claimed[]>`
    UPDATE message_deliveries d
    SET locked_until = now() + ${LEASE}::interval, attempt_count = d.attempt_count + 1
    WHERE d.id IN (
      SELECT q.id FROM message_deliveries q
      WHERE q.status = 'QUEUED' AND q.next_attempt_at <= now() AND (q.locked_until IS NULL OR q.locked_until < now())
        AND q.channel::text = ANY(${available}::text[])
      ORDER BY q.next_attempt_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING d.id, d.workshop_id, d.booking_id, d.message_id, d.channel::text AS channel, d.recipient, d.attempt_count`;
}

/** One attempt of a claimed delivery: compose, send, record (with its event), and plan the next try. */
export async function attemptDelivery(deps: DeliveryDeps, claimed: Claimed): Promise<SendOutcome> {
  const channel: DeliveryChannel = claimed.channel === "SMS" ? "sms" : "email";
  const adapter = adapterFor(deps.channels, channel);
  if (!adapter) return { ok: false, error: "channel not configured", permanent: false };
  // A fault of ours while composing (the database, say) counts as a failed attempt, so the schedule
  // still ends it instead of the lease running out and the row being claimed again forever.
  const outcome = await send(deps, claimed, channel).catch((error: unknown): SendOutcome => ({
    ok: false,
    error: `could not be prepared: ${(error as Error).message}`.slice(0, 300),
    permanent: false,
  }));

  const delay = outcome.ok || outcome.permanent ? null : nextAttemptDelay(deps.channels.retrySchedule, claimed.attempt_count);
  const updated = await deps.db.$transaction(async (tx) => {
    await tx.messageDelivery.update({
      where: { id: claimed.id },
      data: outcome.ok
        ? { status: "SENT", providerId: outcome.providerId, error: null, nextAttemptAt: null, lockedUntil: null }
        : {
            status: delay === null ? "FAILED" : "QUEUED",
            error: outcome.error,
            nextAttemptAt: delay === null ? null : new Date(Date.now() + delay),
            lockedUntil: null,
          },
    });
    return appendDeliveryUpdated(tx, claimed.message_id);
  });
  if (updated) deps.events.publish(updated.event);
  return outcome;
}

async function send(deps: DeliveryDeps, claimed: Claimed, channel: DeliveryChannel): Promise<SendOutcome> {
  const message = await deps.db.message.findUnique({
    where: { id: claimed.message_id },
    select: {
      body: true,
      visibility: true,
      senderType: true,
      thread: { select: { booking: { select: { vehicleRegistration: true, workshop: { select: { name: true } } } } } },
    },
  });
  // Never anything but the workshop's words to the customer (a note can only get here by a bug).
  if (!message || message.visibility !== "CUSTOMER" || message.senderType !== "WORKSHOP") {
    return { ok: false, error: "not a message to the customer", permanent: true };
  }
  // The customer may have opted out after the message was queued.
  const optedOut = await deps.db.channelOptOut.findUnique({
    where: { workshopId_channel_address: { workshopId: claimed.workshop_id, channel: claimed.channel, address: claimed.recipient } },
  });
  if (optedOut) return { ok: false, error: "the customer has opted out of this channel", permanent: true };

  const link = await deps.db.$transaction((tx) =>
    ensureCustomerLink(tx, deps, { workshopId: claimed.workshop_id, bookingId: claimed.booking_id }),
  );
  const { channels } = deps;
  const facts: NotificationFacts = {
    workshopName: message.thread.booking.workshop.name,
    registration: message.thread.booking.vehicleRegistration,
    body: message.body,
    link: link.url,
    replyTo: channels.inboundEmailDomain ? replyAddress(channels.key, channels.inboundEmailDomain, claimed.booking_id) : null,
    unsubscribeUrl: optOutUrl(channels.key, deps.publicBaseUrl, { workshopId: claimed.workshop_id, address: claimed.recipient }),
  };
  const adapter = adapterFor(channels, channel)!;
  return adapter.send(channel === "sms" ? smsNotification(claimed.recipient, facts) : emailNotification(claimed.recipient, facts));
}
