import { Prisma } from "@minbil/db/client";
import type { Sql } from "@minbil/db/sql-transaction";
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
import { bookingNotFound } from "../errors";

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
 * The one place a message is stored: sends, notes and status lines all come here. Plain SQL (see
 * sql-transaction.ts): this is the hottest write.
 */
export async function writeMessage(
  sql: Sql,
  input: NewMessage,
): Promise<{ message: MessageDto; events: AppendedEvent[]; unreadCount: number }> {
  // Locks the thread row: writes to one thread queue here, which makes seq gapless and total.
  const [thread] = await sql.rows<{
    messageCount: number;
    unreadCount: number;
    customerMessageCount: number;
    state: "OPEN" | "WAITING" | "DONE" | "SNOOZED";
  }>(Prisma.sql`
    UPDATE threads SET message_count = message_count + 1
    WHERE booking_id = ${input.bookingId}::int AND workshop_id = ${input.workshopId}
    RETURNING message_count AS "messageCount", unread_count AS "unreadCount",
              customer_message_count AS "customerMessageCount", state::text AS state`);
  if (!thread) throw bookingNotFound(input.bookingId);
  const seq = thread.messageCount;
  // Taken after the thread lock, so times follow seq order.
  const createdAt = input.createdAt?.() ?? new Date();
  const files = input.files ?? [];
  const senderType = SENDER_TYPE[input.senderType];
  const visibility = input.visibility === "internal" ? "INTERNAL" : "CUSTOMER";
  const kind = input.estimate ? "ESTIMATE" : "TEXT";
  const mentionedUserIds = input.mentionedUserIds ?? [];
  const [inserted] = await sql.rows<{ id: number }>(Prisma.sql`
    INSERT INTO messages (booking_id, workshop_id, seq, sender_type, sender_name, staff_user_id, api_token_id, body,
                          search_body, visibility, mentioned_user_ids, kind, created_at)
    VALUES (${input.bookingId}::int, ${input.workshopId}, ${seq}::int, ${senderType}::"SenderType", ${input.senderName},
            ${input.actor?.kind === "staff" ? input.actor.userId : null}, ${input.actor?.kind === "api_token" ? input.actor.tokenId : null},
            ${input.body}, ${normaliseSearch(input.body)}, ${visibility}::"MessageVisibility", ${mentionedUserIds}::text[],
            ${kind}::"MessageKind", ${createdAt}::timestamp)
    RETURNING id`);
  const messageId = inserted!.id;
  if (files.length) {
    await sql.execute(Prisma.sql`
      INSERT INTO attachments (id, message_id, workshop_id, position, file_name, content_type, size, checksum, storage_key, created_at)
      VALUES ${Prisma.join(
        files.map(
          (file, position) =>
            Prisma.sql`(${file.id}, ${messageId}::int, ${input.workshopId}, ${position}::int, ${file.fileName}, ${file.contentType},
                        ${file.size}::int, ${file.checksum}, ${file.storageKey}, ${createdAt}::timestamp)`,
        ),
      )}`);
  }
  const estimate = input.estimate
    ? await writeEstimate(sql, {
        workshopId: input.workshopId,
        bookingId: input.bookingId,
        messageId,
        estimate: input.estimate.input,
        validUntil: input.estimate.validUntil,
        files,
        createdAt,
      })
    : null;
  // The workshop writing to the customer notifies them (SMS, e-mail): queued with the message, sent after.
  const notifiesCustomer = input.senderType === "workshop" && input.visibility === "customer";
  const deliveries = notifiesCustomer
    ? await queueDeliveries(sql, { workshopId: input.workshopId, bookingId: input.bookingId, messageId, createdAt })
    : [];
  const row: MessageRow = {
    id: messageId,
    bookingId: input.bookingId,
    seq,
    body: input.body,
    senderType,
    senderName: input.senderName,
    createdAt,
    visibility,
    mentionedUserIds,
    kind,
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
  await sql.execute(Prisma.sql`
    UPDATE threads SET last_message_id = ${messageId}::int, last_activity_at = ${createdAt}::timestamp,
                       unread_count = ${unreadCount}::int, customer_message_count = ${customerMessageCount}::int
                       ${reply ? Prisma.sql`, last_read_seq = ${seq}::int` : Prisma.empty}
                       ${state !== thread.state ? Prisma.sql`, state = ${state}::"ThreadState", snoozed_until = NULL` : Prisma.empty}
    WHERE booking_id = ${input.bookingId}::int`);
  // Whoever writes in a thread has read it up to there.
  if (input.actor?.kind === "staff") {
    await sql.execute(Prisma.sql`
      INSERT INTO thread_reads (booking_id, user_id, last_read_seq, read_customer_count, updated_at)
      VALUES (${input.bookingId}::int, ${input.actor.userId}, ${seq}::int, ${customerMessageCount}::int, ${new Date()}::timestamp)
      ON CONFLICT (booking_id, user_id) DO UPDATE
      SET last_read_seq = EXCLUDED.last_read_seq, read_customer_count = EXCLUDED.read_customer_count, updated_at = EXCLUDED.updated_at`);
  }

  const message = toMessageDto(row);
  const events = [
    await appendEvent(sql, {
      workshopId: input.workshopId,
      type: "message.created",
      bookingId: input.bookingId,
      payload: { booking_id: input.bookingId, message, unread_count: unreadCount, message_count: seq },
      unreadDelta: unreadCount - thread.unreadCount,
    }),
  ];
  if (state !== thread.state) {
    events.push(
      await appendEvent(sql, {
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
