import { Prisma, type PrismaClient } from "@minbil/db/client";
import { NativeDate, readRows } from "@minbil/db/read-rows";
import type { MessageRow } from "./message.select";

// A thread's page of messages in one raw query, read past the ORM on a server (read-rows.ts): a thread
// is the most read answer after the inbox, and Prisma's relation query (messageSelect with its files,
// estimate lines and deliveries) cost several times the CPU of the same SQL on the pool. The rows are the
// MessageRow values messageSelect gives, so toMessageDto stays the one mapping from a row to the API.
// The customer's page reads its pages of the same conversation here too (customerOnly: no notes).

/** The booking's newest `take` messages, before `beforeSeq` when given (a cursor). */
export interface MessagePageQuery {
  bookingId: number;
  beforeSeq?: number;
  take: number;
  /** Only the conversation with the customer, without internal notes (the customer's page). */
  customerOnly?: boolean;
}

export interface MessagePage {
  /** Newest first, as messageSelect loads them. */
  rows: MessageRow[];
  /** The approved lines of all the booking's estimates, also those on other pages, in øre. */
  approvedOre: number;
}

/**
 * One round trip: the approved total is the one row of the outer query, and the page joins it laterally,
 * so an empty page (a thread without messages, a cursor past the first one) still gives the total. The
 * page is a backward range read of the unique (booking_id, seq) index; files, estimate lines and
 * deliveries are correlated subqueries on their own indexes (attachments (message_id, position),
 * estimates (message_id), estimate_lines (estimate_id, position), message_deliveries (message_id, channel)),
 * aggregated to JSON in their orders (deliveries by the enum's order: SMS, then EMAIL, as Prisma orders
 * them). Enums are read as text; JSON keys are MessageRow's, so only the nested times need converting.
 * The total goes through estimates_booking_id_idx; sum() of int4 is a bigint (a string from pg, a BigInt
 * from $queryRaw), float8 is a number on both and exact far past any real total.
 */
export async function readMessagePage(db: PrismaClient, query: MessagePageQuery): Promise<MessagePage> {
  const rows = await readRows<PageRow>(
    db,
    Prisma.sql`
    SELECT t."approvedOre", m.id, m.booking_id AS "bookingId", m.seq, m.body, m.sender_type::text AS "senderType",
           m.sender_name AS "senderName", m.created_at AS "createdAt", m.visibility::text AS visibility,
           m.mentioned_user_ids AS "mentionedUserIds", m.kind::text AS kind,
           (SELECT json_build_object('id', e.id, 'validUntil', e.valid_until, 'lines',
                     COALESCE((SELECT json_agg(json_build_object('id', l.id, 'description', l.description, 'priceOre', l.price_ore,
                                                                 'attachmentId', l.attachment_id, 'decision', l.decision,
                                                                 'decidedAt', l.decided_at, 'decidedVia', l.decided_via)
                                               ORDER BY l.position)
                               FROM estimate_lines l WHERE l.estimate_id = e.id), '[]'))
            FROM estimates e WHERE e.message_id = m.id) AS estimate,
           COALESCE((SELECT json_agg(json_build_object('id', x.id, 'fileName', x.file_name, 'contentType', x.content_type, 'size', x.size)
                                     ORDER BY x.position)
                     FROM attachments x WHERE x.message_id = m.id), '[]') AS attachments,
           COALESCE((SELECT json_agg(json_build_object('channel', d.channel, 'status', d.status, 'error', d.error,
                                                       'attemptCount', d.attempt_count, 'updatedAt', d.updated_at)
                                     ORDER BY d.channel)
                     FROM message_deliveries d WHERE d.message_id = m.id), '[]') AS deliveries
    FROM (SELECT COALESCE(sum(l.price_ore), 0)::float8 AS "approvedOre"
          FROM estimates e JOIN estimate_lines l ON l.estimate_id = e.id
          WHERE e.booking_id = ${query.bookingId} AND l.decision = 'APPROVED') t
    LEFT JOIN LATERAL (
      SELECT * FROM messages
      WHERE booking_id = ${query.bookingId}
        ${query.beforeSeq === undefined ? Prisma.empty : Prisma.sql`AND seq < ${query.beforeSeq}`}
        ${query.customerOnly ? Prisma.sql`AND visibility = 'CUSTOMER'` : Prisma.empty}
      ORDER BY seq DESC LIMIT ${query.take}) m ON true
    ORDER BY m.seq DESC`,
  );
  // The one row of an empty page carries only the total (its message columns are null).
  return { rows: rows[0]?.id === null ? [] : rows.map(toMessageRow), approvedOre: rows[0]?.approvedOre ?? 0 };
}

/** A row as PostgreSQL gives it: the nested rows are JSON, where times are text. */
type PageRow = Omit<MessageRow, "estimate" | "deliveries"> & {
  approvedOre: number;
  estimate: JsonEstimate | null;
  deliveries: JsonDelivery[];
};
type Estimate = NonNullable<MessageRow["estimate"]>;
type JsonEstimate = Omit<Estimate, "validUntil" | "lines"> & {
  validUntil: string;
  lines: (Omit<Estimate["lines"][number], "decidedAt"> & { decidedAt: string | null })[];
};
type JsonDelivery = Omit<MessageRow["deliveries"][number], "updatedAt"> & { updatedAt: string };

/** Field by field rather than by spreading: a page converts fifty rows, and object rest/spread showed in the profile. */
function toMessageRow(row: PageRow): MessageRow {
  const { estimate } = row;
  return {
    id: row.id,
    bookingId: row.bookingId,
    seq: row.seq,
    body: row.body,
    senderType: row.senderType,
    senderName: row.senderName,
    createdAt: row.createdAt,
    visibility: row.visibility,
    mentionedUserIds: row.mentionedUserIds,
    kind: row.kind,
    estimate: estimate && {
      id: estimate.id,
      validUntil: fromJsonTimestamp(estimate.validUntil),
      lines: estimate.lines.map((line) => ({
        id: line.id,
        description: line.description,
        priceOre: line.priceOre,
        attachmentId: line.attachmentId,
        decision: line.decision,
        decidedAt: line.decidedAt === null ? null : fromJsonTimestamp(line.decidedAt),
        decidedVia: line.decidedVia,
      })),
    },
    attachments: row.attachments,
    deliveries: row.deliveries.map((delivery) => ({
      channel: delivery.channel,
      status: delivery.status,
      error: delivery.error,
      attemptCount: delivery.attemptCount,
      updatedAt: fromJsonTimestamp(delivery.updatedAt),
    })),
  };
}

/**
 * A `timestamp` (without time zone) inside JSON: PostgreSQL writes it in ISO 8601 whatever the session's
 * DateStyle ("2026-11-26T09:35:48.12", trailing zeros of the fraction dropped), and it holds UTC, as
 * Prisma writes it. Read as UTC, not as the process's local time.
 */
export function fromJsonTimestamp(value: string): Date {
  // NativeDate: the Date before Next.js wraps the global one (read-rows.ts: its wrapper costs CPU per Date).
  return new NativeDate(`${value}Z`);
}
