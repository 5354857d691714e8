// pnpm bench:http: the production build against a minimal raw server of the same queries, over HTTP,
// side by side on one PostgreSQL database. Prints req/s, p50/p99 and server CPU per request of each,
// and the ratios the goals are stated in (app ≥ 0.6× the raw server's req/s, app p99 ≤ 2× raw p99).
//
//   pnpm build && pnpm bench:http                                   10 000 threads × 100 messages (first run fills, ~1 min)
//   BENCH_HTTP_THREADS=1000 BENCH_HTTP_MESSAGES_PER_THREAD=10 pnpm bench:http     a quick run
//   BENCH_HTTP_SECONDS=10 BENCH_HTTP_ROUNDS=2 BENCH_HTTP_CONNECTIONS=50           per measurement, rounds, load
//   BENCH_DATABASE_URL=postgresql://user@host:5432/postgres                       the server (default: local)
//   BENCH_HTTP_ONLY=thread,send                                                   only the operations whose label has one of these
//
// The database (minbil_bench_http_<threads>x<messages>, or BENCH_HTTP_DATABASE) is kept, so a second
// run measures at once; drop it to fill again. Each round measures every operation on both servers, in alternating order
// (interleaved, so a machine that gets busier does not favour one side). Sends go from every
// connection to its own thread of the one workshop.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { encodeCursor } from "../messages/cursor";
import { prepareBenchDatabase } from "./http/bench-database";
import { freePort } from "../testing/free-port";

const THREADS = Number(process.env.BENCH_HTTP_THREADS ?? 10_000);
const PER_THREAD = Number(process.env.BENCH_HTTP_MESSAGES_PER_THREAD ?? 100);
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_HTTP_ROUNDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_HTTP_CONNECTIONS ?? 50);
const POOL_SIZE = process.env.DATABASE_POOL_SIZE ?? "10";
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const REPO = path.resolve(import.meta.dirname, "../../../..");
const WEB_DIR = path.join(REPO, "apps/web");
/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS = 100;

if (!existsSync(path.join(WEB_DIR, ".next/BUILD_ID"))) {
  console.error("No production build: run `pnpm build` first.");
  process.exit(1);
}

const log = (line: string) => console.log(line);
const bench = await prepareBenchDatabase({
  serverUrl,
  name: process.env.BENCH_HTTP_DATABASE ?? `minbil_bench_http_${THREADS}x${PER_THREAD}`,
  threads: THREADS,
  perThread: PER_THREAD,
  log,
});
const deepRow = await bench.database.prisma.thread.findFirstOrThrow({
  where: { workshopId: bench.workshopId },
  orderBy: [{ lastActivityAt: "desc" }, { bookingId: "desc" }],
  skip: Math.max(0, THREADS - 72),
  select: { lastActivityAt: true, bookingId: true },
});
const deepCursor = encodeCursor([deepRow.lastActivityAt.toISOString(), deepRow.bookingId]);
const sendThreads = bench.bookingIds.slice(0, CONNECTIONS);
await bench.database.close();

interface Server {
  name: "app" | "raw";
  url: string;
  process: ChildProcess;
}

async function start(name: Server["name"], args: string[], cwd: string, env: NodeJS.ProcessEnv, port: number): Promise<Server> {
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, TZ: "UTC", ...env }, stdio: ["ignore", "ignore", "inherit"] });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      const res = await fetch(`${url}/api/ws/messages?limit=1`, { headers: { Authorization: `Bearer ${bench.token}` } });
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`The ${name} server did not start`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { name, url, process: child };
}

/** The node arguments of `pnpm start` (apps/web/package.json), so the app runs as in production. */
function startArguments(): string[] {
  const script = (JSON.parse(readFileSync(path.join(WEB_DIR, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts
    .start!;
  const command = /\bnode\s+(.+)$/.exec(script)?.[1];
  if (!command) throw new Error(`Cannot read the node command of apps/web's start script: ${script}`);
  return command.trim().split(/\s+/);
}

const appPort = await freePort();
const rawPort = await freePort();
const servers = [
  await start(
    "app",
    startArguments(),
    WEB_DIR,
    {
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: bench.url,
      DATABASE_POOL_SIZE: POOL_SIZE,
      PORT: String(appPort),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      NEXTAUTH_URL: `http://127.0.0.1:${appPort}`,
      NEXTAUTH_SECRET: "bench-secret-not-for-production-0123456789",
      MINBIL_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      // The load is one token from one address, far above a partner's quota.
      RATE_LIMIT_TOKEN_REQUESTS: "1000000",
      RATE_LIMIT_TOKEN_SENDS: "1000000",
      RATE_LIMIT_ADDRESS_REQUESTS: "1000000",
    },
    appPort,
  ),
  await start(
    "raw",
    // The same node flags and loader as the app.
    [...startArguments().slice(0, -1), "src/bench/http/raw-server.ts"],
    path.join(REPO, "packages/api"),
    { RAW_DATABASE_URL: bench.url, RAW_PORT: String(rawPort), RAW_POOL_SIZE: POOL_SIZE },
    rawPort,
  ),
];

interface Operation {
  label: string;
  request: autocannon.Request;
}
const allOperations: Operation[] = [
  { label: "inbox first page (20 threads)", request: { method: "GET", path: "/api/ws/messages?limit=20" } },
  { label: "inbox page deep in the list (cursor)", request: { method: "GET", path: `/api/ws/messages?limit=20&cursor=${deepCursor}` } },
  { label: "thread, newest 50 messages", request: { method: "GET", path: `/api/ws/messages/thread/${bench.bookingIds[0]}?limit=50` } },
  {
    label: "send (JSON)",
    request: {
      method: "POST",
      path: "/api/ws/messages",
      headers: { "Content-Type": "application/json" },
      // Every connection sends to its own thread: sends of one workshop that need not wait on each other.
      setupRequest: (request, context) => {
        const ctx = context as { thread?: number; sent?: number };
        ctx.thread ??= sendThreads[(nextThread += 1) % sendThreads.length];
        ctx.sent = (ctx.sent ?? 0) + 1;
        return {
          ...request,
          body: JSON.stringify({ booking_id: ctx.thread, body: `Benchmelding ${ctx.sent}`, sender_type: "customer" }),
        };
      },
    },
  },
];
const operations = allOperations.filter(
  (operation) => !process.env.BENCH_HTTP_ONLY || process.env.BENCH_HTTP_ONLY.split(",").some((part) => operation.label.includes(part)),
);
let nextThread = -1;

/** User + system CPU time of a process so far, in ms. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS;
}

interface Sample {
  rps: number;
  p50: number;
  p99: number;
  cpu: number;
  errors: number;
}

async function measure(server: Server, operation: Operation, seconds: number): Promise<Sample> {
  const cpuBefore = cpuMs(server.process.pid!);
  const result = await autocannon({
    url: server.url,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { Authorization: `Bearer ${bench.token}` },
    requests: [operation.request],
  });
  const cpu = cpuMs(server.process.pid!) - cpuBefore;
  const ok = result["2xx"];
  return {
    rps: ok / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpu: cpu / Math.max(1, ok),
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

log(`\nwarming up both servers (${operations.length} operations × 3 s each) …`);
for (const operation of operations) for (const server of servers) await measure(server, operation, 3);

const samples = new Map<string, Sample[]>();
for (let round = 0; round < ROUNDS; round += 1) {
  for (const [index, operation] of operations.entries()) {
    const order = (round + index) % 2 === 0 ? servers : [...servers].reverse();
    for (const server of order) {
      const sample = await measure(server, operation, SECONDS);
      const key = `${operation.label}|${server.name}`;
      samples.set(key, [...(samples.get(key) ?? []), sample]);
      log(
        `round ${round + 1} ${server.name} ${operation.label}: ${sample.rps.toFixed(0)} req/s, p50 ${sample.p50} ms, p99 ${sample.p99} ms, ${sample.cpu.toFixed(2)} ms CPU/req${sample.errors ? `, ${sample.errors} errors` : ""}`,
      );
    }
  }
}

const range = (values: number[], digits = 0) => {
  const low = Math.min(...values).toFixed(digits);
  const high = Math.max(...values).toFixed(digits);
  return low === high ? low : `${low}–${high}`;
};
const rows = operations.map((operation) => {
  const app = samples.get(`${operation.label}|app`)!;
  const raw = samples.get(`${operation.label}|raw`)!;
  // Ratios per round (both sides measured back to back), as ranges over the rounds.
  const ratio = app.map((sample, index) => sample.rps / raw[index]!.rps);
  const p99Ratio = app.map((sample, index) => sample.p99 / raw[index]!.p99);
  return [
    operation.label,
    range(app.map((s) => s.rps)),
    range(raw.map((s) => s.rps)),
    range(ratio, 2),
    `${range(app.map((s) => s.p50))} / ${range(app.map((s) => s.p99))} ms`,
    `${range(raw.map((s) => s.p50))} / ${range(raw.map((s) => s.p99))} ms`,
    range(p99Ratio, 2),
    `${range(
      app.map((s) => s.cpu),
      1,
    )} / ${range(
      raw.map((s) => s.cpu),
      1,
    )} ms`,
  ];
});
const header = ["operation", "app req/s", "raw req/s", "ratio", "app p50 / p99", "raw p50 / p99", "p99 ratio", "CPU per request app / raw"];
const [loadAverage] = (readFileSync("/proc/loadavg", "utf8").split(" ") as [string]).map(Number);
console.log(
  `\n${THREADS} threads × ${PER_THREAD} messages, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s (load average ${loadAverage}):\n`,
);
console.log(`| ${header.join(" | ")} |\n|${header.map(() => "---").join("|")}|`);
for (const row of rows) console.log(`| ${row.join(" | ")} |`);
console.log("\ngoals: ratio ≥ 0.6, p99 ratio ≤ 2\n");

for (const server of servers) server.process.kill("SIGTERM");
await Promise.all(
  servers.map(
    (server) => new Promise((resolve) => (server.process.exitCode !== null ? resolve(null) : server.process.once("exit", resolve))),
  ),
);
process.exit(0);
