// pnpm bench: how the inbox queries and sends hold up as data grows. Prints its figures.
//
//   BENCH_THREADS=5000 BENCH_MESSAGES_PER_THREAD=20 pnpm bench          embedded PostgreSQL (PGlite)
//   TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test pnpm bench   a PostgreSQL server
//
// Builds one big workshop (and a second one of the same size, so tenant filtering is measured too),
// then times: inbox first page, a page deep in the list, unread filter, search, one thread,
// sequential sends and mark-read, and prints the query plan of the inbox page.
import { performance } from "node:perf_hooks";
import { listThreadsInput } from "@minbil/contracts/messages/list-threads.schema";
import { getThreadInput } from "@minbil/contracts/messages/get-thread.schema";
import { createTestServices } from "../testing/test-services";
import { createWorkshopFixture } from "../testing/fixtures";
import { listThreads } from "../messages/list-threads.handler";
import { getThread } from "../messages/get-thread.handler";
import { sendMessage } from "../messages/send-message.handler";
import { markThreadRead } from "../messages/mark-thread-read.handler";

const THREADS = Number(process.env.BENCH_THREADS ?? 5000);
const PER_THREAD = Number(process.env.BENCH_MESSAGES_PER_THREAD ?? 20);

const services = await createTestServices();
const { db } = services;

async function fill(workshopId: string) {
  await db.$executeRaw`INSERT INTO customers (workshop_id, name) SELECT ${workshopId}, 'Kunde ' || g FROM generate_series(1, ${THREADS}) g`;
  await db.$executeRaw`
    INSERT INTO bookings (workshop_id, customer_id, reference, status, service, scheduled_at, vehicle_registration, updated_at)
    SELECT workshop_id, id, 'B-' || id, (ARRAY['CONFIRMED','IN_PROGRESS','COMPLETED']::"BookingStatus"[])[1 + id % 3], 'Service', now(), 'EV ' || (10000 + id), now()
    FROM customers WHERE workshop_id = ${workshopId} AND NOT EXISTS (SELECT 1 FROM bookings x WHERE x.customer_id = customers.id)`;
  await db.$executeRaw`
    INSERT INTO threads (booking_id, workshop_id, last_activity_at, search_text)
    SELECT b.id, b.workshop_id, now(), lower(c.name) || ' | ' || lower(b.reference) || ' | ' || lower(b.vehicle_registration)
    FROM bookings b JOIN customers c ON c.id = b.customer_id WHERE b.workshop_id = ${workshopId}
    ON CONFLICT (booking_id) DO NOTHING`;
  await db.$executeRaw`
    INSERT INTO messages (booking_id, workshop_id, seq, sender_type, sender_name, body, search_body, created_at)
    SELECT t.booking_id, t.workshop_id, s, CASE WHEN s % 2 = 0 THEN 'CUSTOMER'::"SenderType" ELSE 'WORKSHOP'::"SenderType" END, 'Navn',
           'Melding nummer ' || s || ' om bilen', 'melding nummer ' || s || ' om bilen', now() - ((t.booking_id * 37 % 100000) || ' minutes')::interval + (s || ' seconds')::interval
    FROM threads t, generate_series(1, ${PER_THREAD}) s WHERE t.workshop_id = ${workshopId}`;
  await db.$executeRaw`
    UPDATE threads t SET message_count = m.n, last_message_id = m.last_id, last_activity_at = m.last_at,
           unread_count = CASE WHEN t.booking_id % 4 = 0 THEN 1 ELSE 0 END
    FROM (SELECT booking_id, count(*)::int AS n, max(id) AS last_id, max(created_at) AS last_at FROM messages GROUP BY booking_id) m
    WHERE m.booking_id = t.booking_id AND t.workshop_id = ${workshopId}`;
  await db.$executeRawUnsafe("ANALYZE");
}

async function time(label: string, runs: number, fn: (i: number) => Promise<unknown>) {
  for (let i = 0; i < Math.min(5, runs); i += 1) await fn(i); // warm up
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await fn(i);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const pct = (p: number) => samples[Math.min(samples.length - 1, Math.floor(samples.length * p))]!.toFixed(2);
  const perSecond = (runs / (samples.reduce((a, b) => a + b, 0) / 1000)).toFixed(0);
  console.log(`${label.padEnd(44)} p50 ${pct(0.5).padStart(7)} ms   p95 ${pct(0.95).padStart(7)} ms   ${perSecond.padStart(6)}/s`);
}

const main = await createWorkshopFixture(db, "Bench Bil");
const other = await createWorkshopFixture(db, "Annen Bil");
const started = performance.now();
await fill(main.workshop.id);
await fill(other.workshop.id);
console.log(
  `\n${services.database.kind === "embedded" ? "PGlite (embedded)" : "PostgreSQL"}: 2 workshops × ${THREADS} threads × ${PER_THREAD} messages = ${2 * THREADS * PER_THREAD} messages (filled in ${((performance.now() - started) / 1000).toFixed(1)} s)\n`,
);

const ws = { db, workshopId: main.workshop.id };
let deepCursor: string | undefined;
for (let page = 0, cursor: string | undefined; page < 50; page += 1) {
  cursor = (await listThreads(ws, listThreadsInput.parse({ limit: 20, cursor }))).meta.next_cursor ?? undefined;
  deepCursor = cursor;
}

await time("inbox first page (20 threads)", 200, () => listThreads(ws, listThreadsInput.parse({})));
await time("inbox page 51 (keyset cursor)", 200, () => listThreads(ws, listThreadsInput.parse({ cursor: deepCursor })));
await time("inbox unread only", 200, () => listThreads(ws, listThreadsInput.parse({ unread: true })));
await time("inbox search by registration number", 100, () =>
  listThreads(ws, listThreadsInput.parse({ q: `ev${10000 + Math.floor(THREADS / 2)}` })),
);
const someBooking = (await listThreads(ws, listThreadsInput.parse({ limit: 1 }))).data[0]!.booking_id;
await time("thread, newest 50 messages", 200, () => getThread(ws, getThreadInput.parse({ booking_id: someBooking, limit: 50 })));
const bookingIds = (await db.thread.findMany({ where: { workshopId: main.workshop.id }, select: { bookingId: true }, take: 500 })).map(
  (t) => t.bookingId,
);
await time("send a message (sequential)", 300, (i) =>
  sendMessage(
    { ...services, workshopId: main.workshop.id, actor: main.auth.actor },
    { booking_id: bookingIds[i % bookingIds.length]!, body: `Bench ${i}`, sender_type: "customer", attachments: [] },
  ),
);
await time("mark a thread read", 300, (i) =>
  markThreadRead({ ...services, workshopId: main.workshop.id }, { booking_id: bookingIds[i % bookingIds.length]!, read: true }),
);

const plan = await db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
  `EXPLAIN SELECT booking_id FROM threads WHERE workshop_id = $1 ORDER BY last_activity_at DESC, booking_id DESC LIMIT 21`,
  main.workshop.id,
);
console.log(`\nPlan of the inbox page query:\n${plan.map((row) => `  ${row["QUERY PLAN"]}`).join("\n")}\n`);

await services.close();
process.exit(0);
