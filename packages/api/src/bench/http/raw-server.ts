// The HTTP benchmark's yardstick: the four measured operations on node:http and `pg` alone, with the
// SQL the app runs (the token lookup, the inbox query, the thread's two reads, the send's transaction),
// no framework, no ORM, no validation. What the app costs beyond this is the cost of its layers.
// Started by http.bench.ts as its own process: RAW_DATABASE_URL, RAW_PORT, RAW_POOL_SIZE.
import { createHash } from "node:crypto";
import http from "node:http";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.RAW_DATABASE_URL, max: Number(process.env.RAW_POOL_SIZE ?? 10) });
pool.on("error", () => {});

async function tokenWorkshop(header: string | undefined): Promise<{ workshopId: string; tokenId: string; name: string } | null> {
  const secret = header?.startsWith("Bearer ") ? header.slice(7) : "";
  const hash = createHash("sha256").update(secret, "utf8").digest("hex");
  const { rows } = await pool.query<{ id: string; workshop_id: string; name: string; revoked_at: Date | null }>(
    "SELECT id, workshop_id, name, revoked_at, last_used_at FROM api_tokens WHERE token_hash = $1 LIMIT 1",
    [hash],
  );
  const token = rows[0];
  return token && !token.revoked_at ? { workshopId: token.workshop_id, tokenId: token.id, name: token.name } : null;
}

async function listThreads(workshopId: string, cursor: string | null, limit: number) {
  const params: unknown[] = [workshopId, limit + 1];
  let keyset = "";
  if (cursor) {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, number];
    params.push(new Date(at), id);
    keyset = "AND (t.last_activity_at, t.booking_id) < ($3::timestamp, $4::int)";
  }
  const { rows } = await pool.query(
    `SELECT t.booking_id, t.message_count, t.unread_count::int AS unread_count, t.last_activity_at, t.state, t.snoozed_until,
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
     LEFT JOIN thread_reads r ON r.booking_id = t.booking_id AND r.user_id = NULL
     WHERE t.workshop_id = $1 ${keyset}
     ORDER BY t.last_activity_at DESC, t.booking_id DESC
     LIMIT $2`,
    params,
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    data: page.map((row) => ({
      booking_id: row.booking_id,
      booking: {
        id: row.booking_id,
        reference: row.reference,
        status: row.status.toLowerCase(),
        scheduled_at: row.scheduled_at.toISOString(),
        service: row.service,
        vehicle: { registration_number: row.vehicle_registration, make: row.vehicle_make, model: row.vehicle_model },
      },
      customer: { id: row.customer_id, name: row.customer_name, email: row.customer_email, phone: row.customer_phone },
      last_message: row.m_id
        ? {
            id: row.m_id,
            body: row.m_body,
            sender_type: row.m_sender_type.toLowerCase(),
            visibility: row.m_visibility.toLowerCase(),
            created_at: row.m_created_at.toISOString(),
            attachment_count: row.m_attachment_count,
          }
        : null,
      unread_count: row.unread_count,
      message_count: row.message_count,
      updated_at: row.last_activity_at.toISOString(),
      state: row.state.toLowerCase(),
      snoozed_until: row.snoozed_until?.toISOString() ?? null,
      assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name } : null,
      match: null,
    })),
    meta: {
      next_cursor:
        rows.length > limit && last
          ? Buffer.from(JSON.stringify([last.last_activity_at.toISOString(), last.booking_id])).toString("base64url")
          : null,
      has_more: rows.length > limit,
    },
  };
}

/** The app's thread page (messages/message-page.sql.ts): the approved total and the page in one query. */
const MESSAGE_PAGE = `
  SELECT t."approvedOre", m.id, m.booking_id, m.seq, m.body, m.sender_type::text AS sender_type, m.sender_name, m.created_at,
         m.visibility::text AS visibility, m.mentioned_user_ids, m.kind::text AS kind,
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
        WHERE e.booking_id = $1 AND l.decision = 'APPROVED') t
  LEFT JOIN LATERAL (SELECT * FROM messages WHERE booking_id = $1 ORDER BY seq DESC LIMIT $2) m ON true
  ORDER BY m.seq DESC`;

const messageJson = (
  row: Record<string, unknown> & { created_at: Date; attachments: { id: string; fileName: string; contentType: string; size: number }[] },
) => ({
  id: row.id,
  booking_id: row.booking_id,
  seq: row.seq,
  body: row.body,
  sender_type: String(row.sender_type).toLowerCase(),
  sender: row.sender_name,
  created_at: row.created_at.toISOString(),
  attachments: row.attachments.map((file) => ({
    id: file.id,
    file_name: file.fileName,
    content_type: file.contentType,
    size: file.size,
    url: `/api/ws/messages/attachments/${file.id}`,
  })),
  visibility: String(row.visibility).toLowerCase(),
  mentioned_user_ids: row.mentioned_user_ids,
  kind: row.kind === "ESTIMATE" ? "estimate" : "text",
  estimate: row.estimate,
  delivery: row.sender_type === "WORKSHOP" && row.visibility === "CUSTOMER" ? { channels: row.deliveries, seen: false } : null,
});

async function getThread(workshopId: string, bookingId: number, limit: number) {
  const booking = (
    await pool.query(
      `SELECT b.id, b.reference, b.status::text AS status, b.service, b.scheduled_at, b.vehicle_registration, b.vehicle_make, b.vehicle_model,
              c.id AS customer_id, c.name AS customer_name, c.email AS customer_email, c.phone AS customer_phone,
              t.unread_count, t.message_count, t.customer_message_count, t.state, t.snoozed_until, a.id AS assignee_id, a.name AS assignee_name
       FROM bookings b JOIN customers c ON c.id = b.customer_id LEFT JOIN threads t ON t.booking_id = b.id LEFT JOIN users a ON a.id = t.assignee_id
       WHERE b.id = $1 AND b.workshop_id = $2 LIMIT 1`,
      [bookingId, workshopId],
    )
  ).rows[0];
  if (!booking) return null;
  const { rows: all } = await pool.query(MESSAGE_PAGE, [bookingId, limit + 1]);
  const rows = all[0]?.id === null ? [] : all;
  const page = rows.slice(0, limit).reverse();
  return {
    data: {
      id: booking.id,
      booking_id: booking.id,
      booking: {
        id: booking.id,
        reference: booking.reference,
        status: booking.status.toLowerCase(),
        scheduled_at: booking.scheduled_at.toISOString(),
        service: booking.service,
        vehicle: { registration_number: booking.vehicle_registration, make: booking.vehicle_make, model: booking.vehicle_model },
      },
      customer: { id: booking.customer_id, name: booking.customer_name, email: booking.customer_email, phone: booking.customer_phone },
      unread_count: booking.unread_count,
      message_count: booking.message_count,
      state: booking.state.toLowerCase(),
      snoozed_until: booking.snoozed_until?.toISOString() ?? null,
      assignee: booking.assignee_id ? { id: booking.assignee_id, name: booking.assignee_name } : null,
      messages: page.map(messageJson),
      approved_total_nok: (all[0]?.approvedOre ?? 0) / 100,
    },
    meta: {
      next_cursor: rows.length > limit ? Buffer.from(JSON.stringify([page[0].seq])).toString("base64url") : null,
      has_more: rows.length > limit,
    },
  };
}

/** The app's send of a customer message without files: the same reads and the same transaction (write-message.ts, append-event.ts). */
async function send(workshopId: string, tokenId: string, input: { booking_id: number; body: string }) {
  const booking = (
    await pool.query(
      `SELECT b.id, b.reference, b.service, b.scheduled_at, b.vehicle_registration, b.vehicle_make, b.vehicle_model,
              c.name AS customer_name, w.name AS workshop_name
       FROM bookings b JOIN customers c ON c.id = b.customer_id JOIN workshops w ON w.id = b.workshop_id
       WHERE b.id = $1 AND b.workshop_id = $2`,
      [input.booking_id, workshopId],
    )
  ).rows[0];
  if (!booking) return null;
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const thread = (
      await client.query(
        `UPDATE threads SET message_count = message_count + 1 WHERE booking_id = $1 AND workshop_id = $2
         RETURNING message_count, unread_count, customer_message_count, state`,
        [input.booking_id, workshopId],
      )
    ).rows[0];
    const createdAt = new Date();
    const message = (
      await client.query(
        `INSERT INTO messages (booking_id, workshop_id, seq, sender_type, sender_name, staff_user_id, api_token_id, body, search_body,
                               visibility, mentioned_user_ids, kind, created_at)
         VALUES ($1, $2, $3, 'CUSTOMER', $4, NULL, $5, $6, $7, 'CUSTOMER', '{}', 'TEXT', $8) RETURNING id`,
        [
          input.booking_id,
          workshopId,
          thread.message_count,
          booking.customer_name,
          tokenId,
          input.body,
          input.body.toLowerCase(),
          createdAt,
        ],
      )
    ).rows[0];
    const unread = thread.unread_count + 1;
    await client.query(
      `UPDATE threads SET last_message_id = $2, last_activity_at = $3, unread_count = $4, customer_message_count = $5,
              state = 'OPEN', snoozed_until = CASE WHEN state = 'OPEN' THEN snoozed_until ELSE NULL END
       WHERE booking_id = $1`,
      [input.booking_id, message.id, createdAt, unread, thread.customer_message_count + 1],
    );
    const dto = {
      id: message.id,
      booking_id: input.booking_id,
      seq: thread.message_count,
      body: input.body,
      sender_type: "customer",
      sender: booking.customer_name,
      created_at: createdAt.toISOString(),
      attachments: [],
      visibility: "customer",
      mentioned_user_ids: [],
      kind: "text",
      estimate: null,
    };
    await client.query(
      `INSERT INTO events (workshop_id, type, booking_id, payload, unread_delta, created_at)
       VALUES ($1, 'message.created', $2, $3::jsonb, 1, $4)`,
      [
        workshopId,
        input.booking_id,
        JSON.stringify({ booking_id: input.booking_id, message: dto, unread_count: unread, message_count: dto.seq }),
        new Date(),
      ],
    );
    await client.query("COMMIT");
    return dto;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

function answer(res: http.ServerResponse, status: number, body: unknown) {
  const json = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(json) });
  res.end(json);
}

const server = http.createServer((req, res) => {
  void (async () => {
    const url = new URL(req.url ?? "/", "http://raw");
    const auth = await tokenWorkshop(req.headers.authorization);
    if (!auth) return answer(res, 401, { success: false, error: { code: "UNAUTHORIZED" } });
    if (req.method === "GET" && url.pathname === "/api/ws/messages") {
      return answer(
        res,
        200,
        await listThreads(auth.workshopId, url.searchParams.get("cursor"), Number(url.searchParams.get("limit") ?? 20)),
      );
    }
    const thread = /^\/api\/ws\/messages\/thread\/(\d+)$/.exec(url.pathname);
    if (req.method === "GET" && thread) {
      const found = await getThread(auth.workshopId, Number(thread[1]), Number(url.searchParams.get("limit") ?? 50));
      return found ? answer(res, 200, found) : answer(res, 404, { success: false });
    }
    if (req.method === "POST" && url.pathname === "/api/ws/messages") {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const input = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { booking_id: number; body: string };
      const sent = await send(auth.workshopId, auth.tokenId, input);
      return sent ? answer(res, 201, { success: true, message: "Message sent", data: sent }) : answer(res, 404, { success: false });
    }
    answer(res, 404, { success: false });
  })().catch((error: unknown) => answer(res, 500, { success: false, error: String(error) }));
});
server.listen(Number(process.env.RAW_PORT ?? 0), "127.0.0.1", () => {
  const address = server.address();
  console.log(`listening ${typeof address === "object" && address ? address.port : ""}`);
});
