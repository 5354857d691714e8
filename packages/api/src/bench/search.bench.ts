// pnpm bench (second part): inbox search on a workshop with 1 000 000 messages, on PostgreSQL.
//
//   pnpm bench                                                         server at postgresql://postgres@127.0.0.1:5432
//   BENCH_DATABASE_URL=postgresql://user@host:5432/postgres pnpm bench another server
//   BENCH_SEARCH_THREADS=50000 BENCH_SEARCH_MESSAGES_PER_THREAD=20       the size (default: 50 000 × 20)
//
// Creates its own database (minbil_bench_search_<pid>) on that server and drops it at the end. Fills it
// with set-based SQL: one big workshop (names, phones, e-mails, plates, makes and models from lists;
// message bodies from a few everyday sentences and words drawn from a skewed vocabulary, so some words
// are in a third of all messages and others in a handful) and a second workshop of a tenth of the size
// with the same words, so tenant filtering is measured too. Then times typical searches and prints p50/p95.
import { performance } from "node:perf_hooks";
import pg from "pg";
import { listThreadsInput } from "@minbil/contracts/messages/list-threads.schema";
import { withPool } from "@minbil/db/open-database";
import { applyMigrations } from "@minbil/db/migrations";
import { createWorkshopFixture } from "../testing/fixtures";
import { listThreads } from "../messages/list-threads.handler";

const THREADS = Number(process.env.BENCH_SEARCH_THREADS ?? 50_000);
const PER_THREAD = Number(process.env.BENCH_SEARCH_MESSAGES_PER_THREAD ?? 20);
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
// BENCH_SEARCH_REUSE=<database> measures again on a database an earlier BENCH_SEARCH_KEEP=1 run left.
const reuse = process.env.BENCH_SEARCH_REUSE;
const name = reuse ?? `minbil_bench_search_${process.pid}`;

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

try {
  if (!reuse) await admin(`CREATE DATABASE "${name}"`);
} catch (error) {
  console.log(`\nSearch benchmark skipped: no PostgreSQL at ${serverUrl.replace(/\/\/[^@]*@/, "//")} (${(error as Error).message}).`);
  console.log("Set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a server where this user may create a database.\n");
  process.exit(0);
}

const url = new URL(serverUrl);
url.pathname = `/${name}`;
const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
// BENCH_SEARCH_KEEP=1 leaves the database for a look at query plans (drop it yourself afterwards).
const keep = process.env.BENCH_SEARCH_KEEP === "1" || reuse !== undefined;
const database = withPool("postgres", pool, () => (keep ? Promise.resolve() : admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)));
const db = database.prisma;

const FIRST = [
  "Ingrid",
  "Ola",
  "Kari",
  "Per",
  "Anne",
  "Lars",
  "Marit",
  "Jon",
  "Sigrid",
  "Knut",
  "Solveig",
  "Arne",
  "Liv",
  "Bjørn",
  "Åse",
  "Øystein",
  "Hilde",
  "Geir",
  "Randi",
  "Trond",
  "Nora",
  "Emil",
  "Sofie",
  "Jakob",
  "Ella",
  "Filip",
  "Maja",
  "Henrik",
  "Ida",
  "Magnus",
];
const LAST = [
  "Hansen",
  "Johansen",
  "Olsen",
  "Larsen",
  "Andersen",
  "Pedersen",
  "Nilsen",
  "Kristiansen",
  "Jensen",
  "Karlsen",
  "Johnsen",
  "Pettersen",
  "Eriksen",
  "Berg",
  "Haugen",
  "Hagen",
  "Johannessen",
  "Andreassen",
  "Jacobsen",
  "Dahl",
  "Jørgensen",
  "Halvorsen",
  "Henriksen",
  "Lund",
  "Sørensen",
  "Jakobsen",
  "Moen",
  "Gundersen",
  "Iversen",
  "Strand",
];
const CARS = [
  ["Volkswagen", "Golf"],
  ["Volkswagen", "ID.4"],
  ["Tesla", "Model Y"],
  ["Tesla", "Model 3"],
  ["Toyota", "Corolla"],
  ["Toyota", "RAV4"],
  ["Volvo", "XC60"],
  ["Volvo", "V60"],
  ["Skoda", "Octavia"],
  ["Skoda", "Enyaq"],
  ["BMW", "i3"],
  ["Audi", "e-tron"],
  ["Nissan", "Leaf"],
  ["Hyundai", "Kona"],
  ["Kia", "Niro"],
  ["Ford", "Focus"],
];
const PLATES = ["EV", "EL", "EK", "AB", "DN", "KH", "SV", "BT"];
const SENTENCES = [
  "Hei, når er bilen klar?",
  "Bilen er klar til henting.",
  "Takk for beskjed, vi ses i morgen.",
  "Vi har bestilt deler, de kommer torsdag.",
  "Bremseklossene foran er byttet.",
  "Kan dere se på lyden fra hjulet?",
  "Dekkskift er gjort og dekkene er lagret hos oss.",
  "Ring meg når dere vet prisen.",
  "EU-kontrollen er godkjent.",
  "Vi fant rust i bremserørene, skal vi bytte dem?",
  "Jeg kommer med bilen klokka åtte.",
  "Faktura er sendt på e-post.",
];
// 20 syllables → 8 000 made-up words; drawn with random()^4, so the first few hundred are common and most are rare.
const SYLLABLES = [
  "ka",
  "ro",
  "mi",
  "ten",
  "sul",
  "va",
  "bre",
  "dal",
  "ok",
  "fju",
  "lin",
  "ås",
  "pe",
  "tor",
  "gri",
  "mø",
  "sen",
  "ul",
  "ha",
  "dre",
];
const VOCABULARY = Array.from(
  { length: 8000 },
  (_, k) => SYLLABLES[k % 20]! + SYLLABLES[Math.floor(k / 20) % 20]! + SYLLABLES[Math.floor(k / 400)]!,
);
const RARE_WORD = "vindusviskerbladene";

const sqlList = (values: string[]) => `ARRAY[${values.map((value) => `'${value.replace(/'/g, "''")}'`).join(",")}]::text[]`;

async function fill(client: pg.PoolClient, workshopId: string, threads: number, perThread: number) {
  const w = `'${workshopId}'`;
  await client.query(`
    INSERT INTO customers (workshop_id, name, phone, email)
    SELECT ${w}, f || ' ' || l, '9' || lpad(((g * 7919) % 10000000)::text, 7, '0'), lower(translate(f || '.' || l, 'æøåÆØÅ', 'eoaEOA')) || g || '@example.no'
    FROM generate_series(1, ${threads}) g,
         LATERAL (SELECT (${sqlList(FIRST)})[1 + g % ${FIRST.length}] AS f, (${sqlList(LAST)})[1 + (g / ${FIRST.length}) % ${LAST.length}] AS l) n`);
  await client.query(`
    INSERT INTO bookings (workshop_id, customer_id, reference, status, service, scheduled_at, vehicle_registration, vehicle_make, vehicle_model, updated_at)
    SELECT workshop_id, id, 'B-' || id, (ARRAY['CONFIRMED','IN_PROGRESS','COMPLETED']::"BookingStatus"[])[1 + id % 3], 'Service', now(),
           (${sqlList(PLATES)})[1 + id % ${PLATES.length}] || ' ' || (10000 + (id * 37) % 90000),
           (${sqlList(CARS.map((car) => car[0]!))})[1 + id % ${CARS.length}], (${sqlList(CARS.map((car) => car[1]!))})[1 + id % ${CARS.length}], now()
    FROM customers WHERE workshop_id = ${w} AND NOT EXISTS (SELECT 1 FROM bookings x WHERE x.customer_id = customers.id)`);
  // The same text as threadSearchText() (and the migration's backfill).
  await client.query(`
    INSERT INTO threads (booking_id, workshop_id, last_activity_at, search_text)
    SELECT b.id, b.workshop_id, now(), concat_ws(' | ', lower(c.name), lower(b.reference), lower(b.vehicle_registration), lower(replace(b.vehicle_registration, ' ', '')),
           c.phone, c.email, lower(b.vehicle_make), lower(b.vehicle_model))
    FROM bookings b JOIN customers c ON c.id = b.customer_id WHERE b.workshop_id = ${w}
    ON CONFLICT (booking_id) DO NOTHING`);
  const word = () => `v[1 + floor(8000 * random() ^ 4)::int]`;
  await client.query(`
    INSERT INTO messages (booking_id, workshop_id, seq, sender_type, sender_name, body, search_body, visibility, created_at)
    SELECT booking_id, workshop_id, s, sender, 'Navn', body, lower(body), CASE WHEN s % 10 = 0 THEN 'INTERNAL'::"MessageVisibility" ELSE 'CUSTOMER'::"MessageVisibility" END, at
    FROM (
      SELECT t.booking_id, t.workshop_id, s, CASE WHEN s % 2 = 0 THEN 'CUSTOMER'::"SenderType" ELSE 'WORKSHOP'::"SenderType" END AS sender,
             (${sqlList(SENTENCES)})[1 + floor(random() * ${SENTENCES.length})::int] || ' ' || ${word()} || ' ' || ${word()} || ' ' || ${word()} || ' ' || ${word()} || ' ' || ${word()} || ' ' || ${word()} AS body,
             now() - ((t.booking_id * 37 % 100000) || ' minutes')::interval + (s || ' seconds')::interval AS at
      FROM threads t, generate_series(1, ${perThread}) s, (SELECT ${sqlList(VOCABULARY)} AS v) vocabulary
      WHERE t.workshop_id = ${w}
    ) m`);
  // A rare word, in about 30 messages.
  await client.query(`
    UPDATE messages SET body = body || ' Nye ${RARE_WORD} er satt på.', search_body = search_body || ' nye ${RARE_WORD} er satt på.'
    WHERE workshop_id = ${w} AND id % ${Math.max(1, Math.floor((threads * perThread) / 30))} = 7`);
  await client.query(`
    UPDATE threads t SET message_count = m.n, last_message_id = m.last_id, last_activity_at = m.last_at, customer_message_count = m.n / 2,
           unread_count = CASE WHEN t.booking_id % 4 = 0 THEN 1 ELSE 0 END,
           state = (ARRAY['OPEN','OPEN','WAITING','DONE']::"ThreadState"[])[1 + t.booking_id % 4]
    FROM (SELECT booking_id, count(*)::int AS n, max(id) AS last_id, max(created_at) AS last_at FROM messages WHERE workshop_id = ${w} GROUP BY booking_id) m
    WHERE m.booking_id = t.booking_id`);
}

async function fillAll(mainId: string) {
  const other = await createWorkshopFixture(db, "Annen Bil");
  const client = await pool.connect();
  try {
    // Bulk load first, indexes after: what a restore does, and minutes faster than updating the GIN indexes row by row.
    const indexes = await client.query<{ indexdef: string; indexname: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE indexname IN ('messages_search_body_trgm_idx', 'threads_search_text_trgm_idx')`,
    );
    for (const index of indexes.rows) await client.query(`DROP INDEX "${index.indexname}"`);
    await fill(client, mainId, THREADS, PER_THREAD);
    await fill(client, other.workshop.id, Math.ceil(THREADS / 10), PER_THREAD);
    await client.query("SET maintenance_work_mem = '512MB'");
    for (const index of indexes.rows) await client.query(index.indexdef);
    await client.query("VACUUM ANALYZE");
  } finally {
    client.release();
  }
}

async function time(runs: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < 5; i += 1) await fn(); // warm up
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const pct = (p: number) => samples[Math.min(samples.length - 1, Math.floor(samples.length * p))]!;
  return { p50: pct(0.5), p95: pct(0.95) };
}

try {
  const started = performance.now();
  if (!reuse) await applyMigrations(database.adapterFactory);
  const main = reuse
    ? { workshop: await db.workshop.findFirstOrThrow({ where: { name: "Bench Bil" } }) }
    : await createWorkshopFixture(db, "Bench Bil");
  if (!reuse) await fillAll(main.workshop.id);

  const [{ n }] = await db.$queryRaw<[{ n: number }]>`SELECT count(*)::int AS n FROM messages WHERE workshop_id = ${main.workshop.id}`;
  const [{ total }] = await db.$queryRaw<[{ total: number }]>`SELECT count(*)::int AS total FROM messages`;
  console.log(
    `\nSearch on PostgreSQL: a workshop with ${n.toLocaleString("en")} messages in ${THREADS.toLocaleString("en")} threads ` +
      `(${total.toLocaleString("en")} messages in the database; filled and indexed in ${((performance.now() - started) / 1000).toFixed(0)} s)\n`,
  );

  const ws = { db, workshopId: main.workshop.id };
  const [someThread] = await db.$queryRaw<[{ reg: string; name: string }]>`
    SELECT b.vehicle_registration AS reg, c.name FROM bookings b JOIN customers c ON c.id = b.customer_id
    WHERE b.workshop_id = ${main.workshop.id} ORDER BY b.id OFFSET ${Math.floor(THREADS / 2)} LIMIT 1`;
  const [firstName, lastName] = someThread.name.split(" ") as [string, string];
  const cases: [string, string, Record<string, unknown>?][] = [
    ["inbox first page, no search (baseline)", ""],
    ["plate, as written", someThread.reg],
    ["plate, without the space", someThread.reg.replace(" ", "").toLowerCase()],
    ["customer name prefix", firstName.slice(0, 4).toLowerCase()],
    ["customer first and last name", `${firstName} ${lastName}`],
    ["rare body word (~30 messages)", RARE_WORD.slice(0, 12)],
    ["mid-frequency body word (~1 500)", "kavaro"],
    ["less common body word (~3 000)", "kalinka"],
    ["common body word (~1 in 3 messages)", "bilen"],
    ["two body words", "bilen klar"],
    ["name + body word", `${firstName.toLowerCase()} bremseklossene`],
    ["common word, state = waiting", "bilen", { state: "waiting" }],
    ["no hit", "finnesikke"],
  ];
  console.log(`${"query".padEnd(40)} ${"q".padEnd(24)} ${"threads".padStart(7)}  ${"p50".padStart(8)}  ${"p95".padStart(8)}`);
  for (const [label, q, extra] of cases) {
    const input = listThreadsInput.parse(q ? { q, ...extra } : {});
    const first = await listThreads(ws, input);
    const { p50, p95 } = await time(60, () => listThreads(ws, input));
    const rows = `${first.data.length}${first.meta.has_more ? "+" : ""}`;
    console.log(
      `${label.padEnd(40)} ${q.padEnd(24)} ${rows.padStart(7)}  ${p50.toFixed(1).padStart(5)} ms  ${p95.toFixed(1).padStart(5)} ms`,
    );
  }
  console.log("(threads: hits on the first page of 20; + when there are more. Each query 60 times after 5 to warm up.)\n");
} finally {
  await database.close();
  if (keep) console.log(`Kept the database ${name}.`);
}
process.exit(0);
