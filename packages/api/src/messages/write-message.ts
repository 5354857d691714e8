import type { Prisma } from "@minbil/db/client";
import type { MessageDto, SenderType, Visibility } from "@minbil/contracts/dto";
import type { Actor } from "../auth/auth-context";
import { changedBy } from "../auth/changed-by";
import { appendEvent, type AppendedEvent } from "../events/append-event";
import { toThreadState } from "../threads/thread-fields";
import { toMessageDto, type MessageRow } from "./message.select";
import { normaliseSearch } from "./search-text";
import type { EstimateInput } from "@minbil/contracts/estimates/estimate.schema";
import { writeEstimate } from "../estimates/write-estimate";
import { queueDeliveries } from "../channels/outbox/queue-deliveries";

const SENDER_TYPE = { customer: "CUSTOMER", workshop: "WORKSHOP", system: "SYSTEM" } as const;

export interface NewMessage {
  workshopId: string;
  bookingId: number;
  senderType: SenderType;
  senderName: string;
  visibility: Visibility;
  body: string;
  actor: Actor | null;
  mentionedUserIds?: string[];
  files?: { id: string; storageKey: string; fileName: string; contentType: string; size: number; checksum: string }[];
  /** Moves the thread to this state in the same step. */
  state?: "open" | "waiting" | "done";
  /** Makes it an estimate (its validity already checked: see checkValidUntil). */
  estimate?: { input: EstimateInput; validUntil: Date };
  createdAt?: () => Date;
}

/**
 * Writes a message into its thread, inside the caller's transaction, and everything that follows from
 * it: the thread's summary, unread counts (the workshop's, and the writer's own read position), the
 * thread's state (a customer's message reopens a waiting, done or snoozed thread), and the events.
 * The one place a message is stored: sends, notes and status lines all come here.
 */
export async function writeMessage(
  tx: Prisma.TransactionClient,
  input: NewMessage,
): Promise<{ message: MessageDto; events: AppendedEvent[]; unreadCount: number }> {
  // Locks the thread row: writes to one thread queue here, which makes seq gapless and total.
  const thread = await tx.thread.update({
    where: { bookingId: input.bookingId, workshopId: input.workshopId },
    data: { messageCount: { increment: 1 } },
    select: { messageCount: true, unreadCount: true, customerMessageCount: true, state: true, snoozedUntil: true },
  });
  const seq = thread.messageCount;
  // Taken after the thread lock, so times follow seq order.
  const createdAt = input.createdAt?.() ?? new Date();
  const files = input.files ?? [];
  const inserted = await tx.message.create({
    data: {
      bookingId: input.bookingId,
      workshopId: input.workshopId,
      seq,
      senderType: SENDER_TYPE[input.senderType],
      senderName: input.senderName,
      staffUserId: input.actor?.kind === "staff" ? input.actor.userId : null,
      apiTokenId: input.actor?.kind === "api_token" ? input.actor.tokenId : null,
      body: input.body,
      searchBody: normaliseSearch(input.body),
      visibility: input.visibility === "internal" ? "INTERNAL" : "CUSTOMER",
      mentionedUserIds: input.mentionedUserIds ?? [],
      kind: input.estimate ? "ESTIMATE" : "TEXT",
      createdAt,
    },
    select: { id: true },
  });
  if (files.length) {
    await tx.attachment.createMany({
      data: files.map((file, position) => ({ ...file, messageId: inserted.id, workshopId: input.workshopId, position })),
    });
  }
  const estimate = input.estimate
    ? await writeEstimate(tx, {
        workshopId: input.workshopId,
        bookingId: input.bookingId,
        messageId: inserted.id,
        estimate: input.estimate.input,
        validUntil: input.estimate.validUntil,
        files,
      })
    : null;
  // The workshop writing to the customer notifies them (SMS, e-mail): queued with the message, sent after.
  const notifiesCustomer = input.senderType === "workshop" && input.visibility === "customer";
  const deliveries = notifiesCustomer
    ? await queueDeliveries(tx, { workshopId: input.workshopId, bookingId: input.bookingId, messageId: inserted.id, createdAt })
    : [];
  const row: MessageRow = {
    id: inserted.id,
    bookingId: input.bookingId,
    seq,
    body: input.body,
    senderType: SENDER_TYPE[input.senderType],
    senderName: input.senderName,
    createdAt,
    visibility: input.visibility === "internal" ? "INTERNAL" : "CUSTOMER",
    mentionedUserIds: input.mentionedUserIds ?? [],
    kind: input.estimate ? "ESTIMATE" : "TEXT",
    estimate,
    attachments: files.map((file) => ({ id: file.id, fileName: file.fileName, contentType: file.contentType, size: file.size })),
    deliveries,
  };

  // A customer's message is unread (for the workshop and every staff member); a workshop reply to the
  // customer means the thread has been dealt with. Notes and status lines change neither.
  const fromCustomer = input.senderType === "customer";
  const reply = input.senderType === "workshop" && input.visibility === "customer";
  const unreadCount = fromCustomer ? thread.unreadCount + 1 : reply ? 0 : thread.unreadCount;
  const customerMessageCount = thread.customerMessageCount + (fromCustomer ? 1 : 0);
  const state = input.state
    ? (input.state.toUpperCase() as "OPEN" | "WAITING" | "DONE")
    : fromCustomer && thread.state !== "OPEN"
      ? "OPEN"
      : thread.state;
  await tx.thread.update({
    where: { bookingId: input.bookingId },
    data: {
      lastMessageId: row.id,
      lastActivityAt: createdAt,
      unreadCount,
      customerMessageCount,
      ...(reply ? { lastReadSeq: seq } : {}),
      ...(state !== thread.state ? { state, snoozedUntil: null } : {}),
    },
  });
  // Whoever writes in a thread has read it up to there.
  if (input.actor?.kind === "staff") {
    await tx.threadRead.upsert({
      where: { bookingId_userId: { bookingId: input.bookingId, userId: input.actor.userId } },
      create: { bookingId: input.bookingId, userId: input.actor.userId, lastReadSeq: seq, readCustomerCount: customerMessageCount },
      update: { lastReadSeq: seq, readCustomerCount: customerMessageCount },
    });
  }

  const message = toMessageDto(row);
  const events = [
    await appendEvent(tx, {
      workshopId: input.workshopId,
      type: "message.created",
      bookingId: input.bookingId,
      payload: { booking_id: input.bookingId, message, unread_count: unreadCount, message_count: seq },
      unreadDelta: unreadCount - thread.unreadCount,
    }),
  ];
  if (state !== thread.state) {
    events.push(
      await appendEvent(tx, {
        workshopId: input.workshopId,
        type: "thread.state_changed",
        bookingId: input.bookingId,
        payload: {
          booking_id: input.bookingId,
          state: toThreadState(state),
          previous_state: toThreadState(thread.state),
          snoozed_until: null,
          reason: input.state ? "change" : "customer_message",
          by: changedBy(input.actor),
        },
        unreadDelta: 0,
      }),
    );
  }
  return { message, events, unreadCount };
}
