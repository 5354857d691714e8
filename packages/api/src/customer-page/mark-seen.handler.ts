import type { PrismaClient } from "@minbil/db/client";
import type { ResolvedLink } from "../customer-links/resolve-customer-link";
import type { EventBus } from "../events/event-bus";
import { appendSeenUpdates } from "../channels/outbox/delivery-updated";

/**
 * The customer's page showed the messages up to `seq` to a person (its own script says so when the page
 * is visible; a link preview never runs it). Moves the thread's "seen" mark forward, never back, and
 * tells the inbox which of the workshop's messages became seen (message.delivery_updated: the ticks).
 * Returns whether it moved.
 */
export async function markSeenByCustomer(
  deps: { db: PrismaClient; events: EventBus },
  link: ResolvedLink,
  input: { seq: number },
): Promise<{ moved: boolean }> {
  const events = await deps.db.$transaction(async (tx) => {
    // Locks the thread row (as writers do, before the workshop's in appendEvent): the previous mark is
    // read and moved in one step, so two pages reporting at once do not both announce the same messages.
    const [thread] = await tx.$queryRaw<{ customer_seen_seq: number; message_count: number }[]>`
      SELECT customer_seen_seq, message_count FROM threads WHERE booking_id = ${link.bookingId} FOR UPDATE`;
    if (!thread || thread.customer_seen_seq >= input.seq || thread.message_count < input.seq) return null;
    await tx.thread.update({ where: { bookingId: link.bookingId }, data: { customerSeenSeq: input.seq, customerSeenAt: new Date() } });
    return appendSeenUpdates(tx, { bookingId: link.bookingId, previousSeq: thread.customer_seen_seq, seenSeq: input.seq });
  });
  for (const event of events ?? []) deps.events.publish(event);
  return { moved: events !== null };
}
