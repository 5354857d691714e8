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
import { fillWorkshop } from "./fill-workshop";

const THREADS = Number(process.env.BENCH_THREADS ?? 5000);
const PER_THREAD = Number(process.env.BENCH_MESSAGES_PER_THREAD ?? 20);

const services = await createTestServices();
const { db } = services;

const fill = (workshopId: string) => fillWorkshop(db, workshopId, THREADS, PER_THREAD);

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
