import { z } from "zod";
import { int4Id } from "@minbil/contracts/messages/ids.schema";
import { Prisma, type PrismaClient } from "@minbil/db/client";
import { readRows } from "@minbil/db/read-rows";
import { bookingStatusSchema, threadListDto, type ThreadListDto } from "@minbil/contracts/dto";
import type { listThreadsInput } from "@minbil/contracts/messages/list-threads.schema";
import { toSenderType, toVisibility } from "./message.select";
import { cursorTime, decodeCursor, encodeCursor } from "./cursor";
import { escapeLike, searchExcerpt, searchWords } from "./search-text";
import { fromThreadState, threadStateFields } from "../threads/thread-fields";

/** The last row's activity time and booking id. */
const threadCursor = z.tuple([cursorTime, int4Id]);

interface ListRow {
  booking_id: number;
  message_count: number;
  unread_count: number;
  last_activity_at: Date;
  state: "OPEN" | "WAITING" | "DONE" | "SNOOZED";
  snoozed_until: Date | null;
  reference: string;
  status: string;
  service: string;
  scheduled_at: Date;
  vehicle_registration: string;
  vehicle_make: string | null;
  vehicle_model: string | null;
  customer_id: number;
  customer_name: string;
  customer_email: string | null;
  customer_phone: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  m_id: number | null;
  m_body: string | null;
  m_sender_type: "CUSTOMER" | "WORKSHOP" | "SYSTEM" | null;
  m_visibility: "CUSTOMER" | "INTERNAL" | null;
  m_created_at: Date | null;
  m_attachment_count: number | null;
}

/**
 * The inbox: a workshop's threads, latest activity first, in one query: an index range read on
 * threads(workshop_id[, state | assignee], last_activity_at DESC, booking_id DESC) with booking,
 * customer, assignee, last message and the viewer's read position joined. The keyset condition is a row
 * comparison, so a page deep in the list is the same range read as the first. A staff member (`viewerId`)
 * sees their own unread; an API token the workshop's.
 */
export async function listThreads(
  deps: {
    db: PrismaClient;
    workshopId: string;
    viewerId?: string | null;
    /** Tests: smaller limits for "rare" search words, to take the per-thread path with little data. */
    searchRareLimit?: number;
  },
  input: z.output<typeof listThreadsInput>,
  /** One thread only, as the list shows it (answers of changes to a thread). */
  only?: { bookingId: number },
): Promise<ThreadListDto> {
  const viewer = deps.viewerId ?? null;
  const conditions: Prisma.Sql[] = [Prisma.sql`t.workshop_id = ${deps.workshopId}`];
  if (only) conditions.push(Prisma.sql`t.booking_id = ${only.bookingId}`);
  if (input.cursor) {
    const [at, bookingId] = decodeCursor(input.cursor, threadCursor);
    conditions.push(Prisma.sql`(t.last_activity_at, t.booking_id) < (${new Date(at)}::timestamp, ${bookingId}::int)`);
  }
  const unread = viewer ? Prisma.sql`(t.customer_message_count - COALESCE(r.read_customer_count, 0))` : Prisma.sql`t.unread_count`;
  if (input.unread) conditions.push(Prisma.sql`${unread} > 0`);
  if (input.status) conditions.push(Prisma.sql`b.status = CAST(${input.status.toUpperCase()} AS "BookingStatus")`);
  if (input.state) conditions.push(Prisma.sql`t.state = CAST(${fromThreadState(input.state)} AS "ThreadState")`);
  if (input.assignee)
    conditions.push(input.assignee === "none" ? Prisma.sql`t.assignee_id IS NULL` : Prisma.sql`t.assignee_id = ${input.assignee}`);
  const words = input.q ? searchWords(input.q) : [];
  if (words.length) {
    const limit = deps.searchRareLimit;
    const plan = await planSearch(
      deps.db,
      deps.workshopId,
      words,
      limit === undefined ? RARE_LIMIT : { threads: limit, messagesFirst: limit, messages: limit },
    );
    // As text: a long array parameter costs Prisma more than the query.
    if (plan.candidates) conditions.push(Prisma.sql`t.booking_id = ANY(string_to_array(${plan.candidates.join(",")}, ',')::int[])`);
    for (const word of plan.checkEach) conditions.push(wordMatches(word));
  }

  const rows = await readRows<ListRow>(
    deps.db,
    Prisma.sql`
    SELECT t.booking_id, t.message_count, ${unread}::int AS unread_count, t.last_activity_at, t.state, t.snoozed_until,
           b.reference, b.status::text AS status, b.service, b.scheduled_at, b.vehicle_registration, b.vehicle_make, b.vehicle_model,
           c.id AS customer_id, c.name AS customer_name, c.email AS customer_email, c.phone AS customer_phone,
           a.id AS assignee_id, a.name AS assignee_name,
           m.id AS m_id, m.body AS m_body, m.sender_type AS m_sender_type, m.visibility AS m_visibility, m.created_at AS m_created_at,
           (SELECT count(*) FROM attachments x WHERE x.message_id = m.id)::int AS m_attachment_count
    FROM threads t
    JOIN bookings b ON b.id = t.booking_id
    JOIN customers c ON c.id = b.customer_id
    LEFT JOIN users a ON a.id = t.assignee_id
    LEFT JOIN messages m ON m.id = t.last_message_id
    LEFT JOIN thread_reads r ON r.booking_id = t.booking_id AND r.user_id = ${viewer}
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY t.last_activity_at DESC, t.booking_id DESC
    LIMIT ${input.limit + 1}`,
  );

  const page = rows.slice(0, input.limit);
  const matches =
    words.length && page.length
      ? await findMatches(
          deps.db,
          page.map((row) => row.booking_id),
          words,
        )
      : new Map();
  const last = page.at(-1);
  const hasMore = rows.length > input.limit;
  return threadListDto.parse({
    data: page.map((row) => ({
      booking_id: row.booking_id,
      booking: {
        id: row.booking_id,
        reference: row.reference,
        status: bookingStatusSchema.parse(row.status.toLowerCase()),
        scheduled_at: row.scheduled_at.toISOString(),
        service: row.service,
        vehicle: { registration_number: row.vehicle_registration, make: row.vehicle_make, model: row.vehicle_model },
      },
      customer: { id: row.customer_id, name: row.customer_name, email: row.customer_email, phone: row.customer_phone },
      last_message:
        row.m_id !== null
          ? {
              id: row.m_id,
              body: row.m_body,
              sender_type: toSenderType(row.m_sender_type!),
              visibility: toVisibility(row.m_visibility!),
              created_at: row.m_created_at!.toISOString(),
              attachment_count: row.m_attachment_count ?? 0,
            }
          : null,
      unread_count: Math.max(0, row.unread_count),
      message_count: row.message_count,
      updated_at: row.last_activity_at.toISOString(),
      ...threadStateFields({
        state: row.state,
        snoozedUntil: row.snoozed_until,
        assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name! } : null,
      }),
      match: matches.get(row.booking_id) ?? null,
    })),
    meta: {
      next_cursor: hasMore && last ? encodeCursor([last.last_activity_at.toISOString(), last.booking_id]) : null,
      has_more: hasMore,
    },
  });
}

/**
 * How many threads (by search text) and messages (by body) of a workshop a word may match and still be
 * "rare": then its threads are looked up through the trigram indexes and only they are read. A more
 * common word is checked per thread while the list is read newest first (a common word fills the page
 * at once). Bodies are probed twice: with a small limit first, which costs little even for a word in
 * every third message, and with the larger one only when no word was rare by the first.
 */
const RARE_LIMIT = { threads: 2000, messagesFirst: 50, messages: 1000 };
/** Trigram indexes need at least three characters; shorter words are checked per thread. */
const MIN_INDEXED_LENGTH = 3;

/**
 * How to find the threads that have every word: `candidates`, when some word is rare, are the only
 * threads that can (the threads all rare words share); `checkEach` are the words still to be checked
 * per thread.
 */
async function planSearch(
  db: PrismaClient,
  workshopId: string,
  words: string[],
  limits: typeof RARE_LIMIT,
): Promise<{ candidates: number[] | null; checkEach: string[] }> {
  /** Every word's threads, in one query (a row per word): rare words have them all; a common word none. */
  const probe = async (probed: string[], messageLimit: number) => {
    const parts = probed.map((word, index) => {
      const pattern = `%${escapeLike(word)}%`;
      return Prisma.sql`
        SELECT ${index}::int AS word, count(*) FILTER (WHERE NOT hit.from_message)::int AS threads,
               count(*) FILTER (WHERE hit.from_message)::int AS messages, array_agg(DISTINCT hit.booking_id) AS ids
        FROM (
          (SELECT booking_id, false AS from_message FROM threads
            WHERE workshop_id = ${workshopId} AND search_text LIKE ${pattern} LIMIT ${limits.threads + 1})
          UNION ALL
          (SELECT booking_id, true AS from_message FROM messages
            WHERE workshop_id = ${workshopId} AND search_body LIKE ${pattern} LIMIT ${messageLimit + 1})
        ) hit`;
    });
    const found = await db.$queryRaw<
      { word: number; threads: number; messages: number; ids: number[] | null }[]
    >`${Prisma.join(parts, " UNION ALL ")}`;
    return probed.map((_, index) => {
      const row = found.find((candidate) => candidate.word === index);
      return {
        threadsCommon: (row?.threads ?? 0) > limits.threads,
        messagesCommon: (row?.messages ?? 0) > messageLimit,
        threads: new Set(row?.ids ?? []),
      };
    });
  };
  const plan = (probed: string[], results: Awaited<ReturnType<typeof probe>>) => {
    const rare = probed.filter((_, index) => !results[index]!.threadsCommon && !results[index]!.messagesCommon);
    if (!rare.length) return null;
    const sets = rare.map((word) => results[probed.indexOf(word)]!.threads);
    const candidates = [...sets[0]!].filter((id) => sets.every((set) => set.has(id)));
    return { candidates, checkEach: words.filter((word) => !rare.includes(word)) };
  };

  const indexed = words.filter((word) => word.length >= MIN_INDEXED_LENGTH);
  if (!indexed.length) return { candidates: null, checkEach: words };
  const first = await probe(indexed, limits.messagesFirst);
  const fromFirst = plan(indexed, first);
  if (fromFirst) return fromFirst;
  const again = indexed.filter((_, index) => !first[index]!.threadsCommon);
  if (again.length) {
    const fromSecond = plan(again, await probe(again, limits.messages));
    if (fromSecond) return fromSecond;
  }
  return { candidates: null, checkEach: words };
}

/** The word is in the thread's search text or in one of its message bodies (checked per thread). */
function wordMatches(word: string): Prisma.Sql {
  return Prisma.sql`(strpos(t.search_text, ${word}) > 0
    OR EXISTS (SELECT 1 FROM messages sm WHERE sm.booking_id = t.booking_id AND strpos(sm.search_body, ${word}) > 0))`;
}

/**
 * For the threads of a page: the most recent message whose body has one of the words that the thread's
 * search text does not (those words matched a message), with an excerpt around the first hit.
 */
async function findMatches(
  db: PrismaClient,
  bookingIds: number[],
  words: string[],
): Promise<Map<number, { message_id: number; seq: number; excerpt: string }>> {
  const inBody = Prisma.join(
    words.map((word) => Prisma.sql`(strpos(t.search_text, ${word}) = 0 AND strpos(m.search_body, ${word}) > 0)`),
    " OR ",
  );
  const rows = await db.$queryRaw<{ booking_id: number; id: number; seq: number; body: string; search_text: string }[]>`
    SELECT t.booking_id, h.id, h.seq, h.body, t.search_text
    FROM threads t
    CROSS JOIN LATERAL (
      SELECT m.id, m.seq, m.body FROM messages m
      WHERE m.booking_id = t.booking_id AND (${inBody})
      ORDER BY m.seq DESC LIMIT 1
    ) h
    WHERE t.booking_id = ANY(${bookingIds}::int[])`;
  return new Map(
    rows.map((row) => [
      row.booking_id,
      {
        message_id: row.id,
        seq: row.seq,
        excerpt: searchExcerpt(
          row.body,
          words.filter((word) => !row.search_text.includes(word)),
        ).excerpt,
      },
    ]),
  );
}
