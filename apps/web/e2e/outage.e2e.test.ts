import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PgCluster } from "./support/pg-cluster";
import { freePort } from "@minbil/api/testing/free-port";
import { launchChromium } from "./support/browser";

// The app against a PostgreSQL server of its own that goes away: down at start-up, stopped for five
// seconds under a send load, and frozen (SIGSTOP). The app must stay alive, say 503 (with Retry-After)
// rather than 500 while the database is gone, become ready again by itself, and lose or duplicate no
// acknowledged message when clients retry with their Idempotency-Key. Everything talks to 127.0.0.1.
// Its own app process and cluster, not the embedded-database app of the global setup.

const WEB_DIR = path.resolve(import.meta.dirname, "..");
const TOKEN = "outage-nordlys-token-0123456789";
/** Query and connect timeout of the app's pool: a frozen server answers nothing, and requests must give up after this. */
const DB_TIMEOUT_MS = 2_000;
/** Each HTTP request of the test gives up after this (a hanging request is a failure, not a wait). */
const REQUEST_TIMEOUT_MS = 15_000;
const RUN = randomUUID().slice(0, 8);

let cluster: PgCluster | undefined;
let frozen: number[] = [];
let app: ChildProcess | undefined;
let appExit: { code: number | null; signal: NodeJS.Signals | null; at: number } | null = null;
let dataDir: string | undefined;
let baseUrl = "";
let bookingId = 0;
/** The app's output, stdout and stderr, one entry per line, with the time it arrived. */
const appOutput: { at: number; stream: "out" | "err"; line: string }[] = [];

type ThreadMessage = { id: number; body: string; seq: number };

/** The parts of the app's JSON answers the test reads (`data` differs by endpoint). */
interface ApiJson {
  success?: boolean;
  message?: string;
  status?: string;
  error?: { code?: string };
  checks?: Record<string, { ok: boolean; error?: string }>;
  data?: unknown;
  meta?: { next_cursor?: string | null };
}

interface Answer {
  status: number | null;
  /** A network error or our own timeout, when there is no status. */
  error?: string;
  retryAfter: string | null;
  /** The JSON body, or the start of a body that is not JSON. */
  json: ApiJson | string | null;
  startedAt: number;
  endedAt: number;
}

async function call(pathname: string, init: RequestInit = {}): Promise<Answer> {
  const startedAt = Date.now();
  try {
    const res = await fetch(`${baseUrl}${pathname}`, {
      ...init,
      headers: { Authorization: `Bearer ${TOKEN}`, ...init.headers },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    let json: Answer["json"] = null;
    try {
      json = JSON.parse(text) as ApiJson;
    } catch {
      json = text.slice(0, 200);
    }
    return { status: res.status, retryAfter: res.headers.get("retry-after"), json, startedAt, endedAt: Date.now() };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const message = `${(error as Error).name}: ${(error as Error).message}${cause ? ` (${cause})` : ""}`;
    return { status: null, error: message, retryAfter: null, json: null, startedAt, endedAt: Date.now() };
  }
}

const send = (body: string, key: string) =>
  call("/api/ws/messages", {
    method: "POST",
    headers: { "Content-Type": "application/json", "Idempotency-Key": key },
    body: JSON.stringify({ booking_id: bookingId, body }),
  });

/** The id of the message a 201/200 answer of a send acknowledges. */
const ackedId = (answer: Answer): number | undefined => (body(answer).data as { id?: number } | undefined)?.id;

/** The JSON body of an answer (empty when there is none, or it is not JSON). */
const body = (answer: Answer): ApiJson => (answer.json && typeof answer.json === "object" ? answer.json : {});

/** A 503 in the API's error shape, with Retry-After. */
function expectUnavailable(answer: Answer, what: string) {
  expect(answer.status, `${what}: ${answer.error ?? JSON.stringify(answer.json)}`).toBe(503);
  expect(answer.retryAfter, `${what}: Retry-After`).toMatch(/^\d+$/);
  expect(answer.json, what).toMatchObject({ success: false, message: expect.any(String), error: { code: "SERVICE_UNAVAILABLE" } });
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
async function waitFor<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    expect(appExit, "the app exited").toBeNull();
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(intervalMs);
  }
}

/** Every message of the booking's thread, oldest first (paging back with meta.next_cursor). */
async function threadMessages(): Promise<ThreadMessage[]> {
  const pages: ThreadMessage[][] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page += 1) {
    const answer = await call(`/api/ws/messages/thread/${bookingId}?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    pages.unshift((body(answer).data as { messages: ThreadMessage[] }).messages);
    cursor = body(answer).meta?.next_cursor ?? null;
    if (!cursor) return pages.flat();
  }
  throw new Error("the thread did not end within 100 pages");
}

/** The bodies of `RUN`'s messages in the thread, and how often each occurs. */
async function runBodies(tag: string): Promise<Map<string, { count: number; ids: number[] }>> {
  const seen = new Map<string, { count: number; ids: number[] }>();
  for (const message of await threadMessages()) {
    if (!message.body.includes(`${RUN} ${tag}`)) continue;
    const entry = seen.get(message.body) ?? { count: 0, ids: [] };
    entry.count += 1;
    entry.ids.push(message.id);
    seen.set(message.body, entry);
  }
  return seen;
}

function startApp(port: number) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: cluster!.url,
    DATABASE_QUERY_TIMEOUT_MS: String(DB_TIMEOUT_MS),
    DATABASE_CONNECT_TIMEOUT_MS: String(DB_TIMEOUT_MS),
    MINBIL_DATA_DIR: dataDir,
    MINBIL_DEMO: "true",
    MINBIL_WS_ACCESS_TOKEN: TOKEN,
    NEXTAUTH_SECRET: "outage-secret-not-for-production-0123456789",
    NEXTAUTH_URL: baseUrl,
    NEXT_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: "warn",
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: String(port),
    // The send load (4 senders without pause) is far above one token's send budget; this test is about outages.
    RATE_LIMIT_TOKEN_REQUESTS: "100000",
    RATE_LIMIT_TOKEN_SENDS: "100000",
  };
  delete env.MINBIL_API_BASE_URL;
  delete env.TRUST_PROXY;
  const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
    cwd: WEB_DIR,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  app = child;
  for (const [stream, source] of [
    ["out", child.stdout],
    ["err", child.stderr],
  ] as const) {
    let rest = "";
    source.setEncoding("utf8");
    source.on("data", (chunk: string) => {
      const lines = (rest + chunk).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) appOutput.push({ at: Date.now(), stream, line });
    });
  }
  child.once("exit", (code, signal) => {
    appExit = { code, signal, at: Date.now() };
  });
}

/** The app's log lines from `since` on (pino JSON on stdout, the rest on stderr), shortened. */
function appLines(since = 0, pattern?: RegExp): string[] {
  return appOutput
    .filter((entry) => entry.at >= since && (!pattern || pattern.test(entry.line)))
    .map((entry) => `[${entry.stream}] ${entry.line.slice(0, 300)}`);
}

/** Counts of each distinct answer, e.g. { "201": 40, "503": 12, "error: TypeError: fetch failed (ECONNRESET)": 1 }. */
function tally(answers: Answer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const answer of answers) {
    const key = answer.status === null ? `error: ${answer.error}` : String(answer.status);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

beforeAll(async () => {
  cluster = await PgCluster.create();
  dataDir = await mkdtemp(path.join(tmpdir(), "minbil-outage-"));
}, 60_000);

afterEach((context) => {
  if (context.task.result?.state !== "fail") return;
  const tail = appLines().slice(-15);
  console.error(`--- the app's last ${tail.length} output lines (exit: ${JSON.stringify(appExit)}) ---\n${tail.join("\n")}`);
});

afterAll(async () => {
  if (app && appExit === null) {
    const exited = new Promise((resolve) => app!.once("exit", resolve));
    app.kill("SIGTERM");
    const killed = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
    if (!killed) {
      app.kill("SIGKILL");
      await exited;
    }
  }
  await cluster?.remove(frozen);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, 60_000);

describe("PostgreSQL outages", () => {
  it("starts with PostgreSQL down: live, not ready, 503 with Retry-After; ready once PostgreSQL is up, without a restart", async () => {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const spawnedAt = Date.now();
    startApp(port);

    await waitFor("the app answers /api/livez", 60_000, async () => ((await call("/api/livez")).status === 200 ? true : undefined), 250);
    const listeningAfter = Date.now() - spawnedAt;

    const readyz = await call("/api/readyz");
    expect(readyz.status).toBe(503);
    expect(body(readyz).status).toBe("unavailable");
    expect(JSON.stringify(body(readyz).checks)).toMatch(/PostgreSQL|database/i);

    // While the services wait for the database, a request waits up to 3 s for them and then answers 503.
    const [list, sent, trpc] = await Promise.all([
      call("/api/ws/messages"),
      call("/api/ws/messages", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Idempotency-Key": `${RUN}-startup` },
        body: JSON.stringify({ booking_id: 1, body: "sent while the database is down" }),
      }),
      call("/api/trpc/messages.unreadSummary"),
    ]);
    expectUnavailable(list, "GET /api/ws/messages");
    expectUnavailable(sent, "POST /api/ws/messages");
    expect(list.endedAt - list.startedAt).toBeLessThan(6_000);
    // tRPC answers in its own shape; it must still be a 503, never a 500.
    expect(trpc.status, JSON.stringify(trpc.json)).toBe(503);

    expect(appLines(spawnedAt, /waiting for PostgreSQL at 127\.0\.0\.1/).length).toBeGreaterThan(0);
    expect((await call("/api/livez")).status).toBe(200);

    const clusterStartAt = Date.now();
    await cluster!.start();
    const clusterUpAt = Date.now();
    // The app retries with a growing pause (2, 4, 6, … at most 10 s), then migrates and seeds.
    await waitFor("/api/readyz answers 200 after PostgreSQL started", 15_000, async () => {
      const answer = await call("/api/readyz");
      return answer.status === 200 ? answer : undefined;
    });
    const readyAfter = Date.now() - clusterUpAt;
    console.info(
      `start-up: listening ${listeningAfter} ms after spawn; PostgreSQL started in ${clusterUpAt - clusterStartAt} ms; ready ${readyAfter} ms after PostgreSQL was up`,
    );
    expect((await call("/api/readyz")).json).toMatchObject({ status: "ready", checks: { database: { ok: true } } });

    const threads = await call("/api/ws/messages");
    expect(threads.status, JSON.stringify(threads.json)).toBe(200);
    bookingId = (body(threads).data as { booking_id: number }[])[0]!.booking_id;
    expect(bookingId).toBeGreaterThan(0);
    expect(appExit).toBeNull();
  }, 90_000);

  it("a 5 s outage under a send load: only 503s meanwhile, ready again by itself, no acknowledged message lost or doubled", async () => {
    expect(bookingId, "needs the app of the first test").toBeGreaterThan(0);
    const SENDERS = 4;
    const OUTAGE_MS = 5_000;
    /** A client's pause before retrying the same request (shorter than Retry-After, to measure recovery). */
    const RETRY_MS = 200;
    const answers: (Answer & { sender: number; key: string })[] = [];
    const acked = new Map<string, { body: string; id: number | undefined; status: number; at: number }>();
    const pending = new Map<string, string>();
    let stopSending = false;
    let drainUntil = Number.POSITIVE_INFINITY;

    async function sender(index: number) {
      for (let n = 1; !stopSending; n += 1) {
        const key = `${RUN}-load-${index}-${n}`;
        const body = `${RUN} load: sender ${index} message ${n}`;
        pending.set(key, body);
        // The same request with the same key until it is acknowledged (or the drain time is over).
        while (Date.now() < drainUntil) {
          const answer = await send(body, key);
          answers.push({ ...answer, sender: index, key });
          if (answer.status === 201 || answer.status === 200) {
            acked.set(key, { body, id: ackedId(answer), status: answer.status, at: answer.endedAt });
            pending.delete(key);
            break;
          }
          await sleep(RETRY_MS);
        }
        await sleep(50);
      }
    }

    const readiness: { at: number; status: number | null }[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const answer = await call("/api/readyz");
        readiness.push({ at: answer.endedAt, status: answer.status });
        await sleep(250);
      }
    })();

    const loadStartedAt = Date.now();
    const senders = Promise.all(Array.from({ length: SENDERS }, (_, index) => sender(index)));
    let ackedBeforeStop = 0;
    let stopAt = 0;
    let stoppedAt = 0;
    let restartAt = 0;
    let restartedAt = 0;
    try {
      await sleep(1_500);
      ackedBeforeStop = acked.size;
      stopAt = Date.now();
      await cluster!.stop("fast");
      stoppedAt = Date.now();
      await sleep(OUTAGE_MS);
      restartAt = Date.now();
      await cluster!.start();
      restartedAt = Date.now();
      // Load goes on until a send is acknowledged after the restart (at most 6 s), then 1.5 s more.
      const until = Date.now() + 6_000;
      while (Date.now() < until && ![...acked.values()].some((entry) => entry.at > restartedAt)) await sleep(50);
      await sleep(1_500);
    } finally {
      // New messages stop; one a sender is retrying gets 10 s more to be acknowledged.
      stopSending = true;
      drainUntil = Date.now() + 10_000;
      await senders;
      polling = false;
      await poller;
    }

    const during = answers.filter((answer) => answer.startedAt >= stoppedAt && answer.endedAt <= restartAt);
    const firstNotReady = readiness.find((entry) => entry.at >= stopAt && entry.status === 503);
    const firstReadyAgain = readiness.find((entry) => entry.at >= restartedAt && entry.status === 200);
    const firstAckAfterRestart = [...acked.values()].filter((entry) => entry.at > restartedAt).sort((a, b) => a.at - b.at)[0];
    const summary = {
      answers: answers.length,
      all: tally(answers),
      duringOutage: tally(during),
      ackedBeforeStop,
      acked: acked.size,
      replayed: [...acked.values()].filter((entry) => entry.status === 200).length,
      pending: [...pending.keys()],
      stopTookMs: stoppedAt - stopAt,
      startTookMs: restartedAt - restartAt,
      notReadyAfterStopMs: firstNotReady ? firstNotReady.at - stopAt : null,
      readyAfterRestartMs: firstReadyAgain ? firstReadyAgain.at - restartedAt : null,
      sendOkAfterRestartMs: firstAckAfterRestart ? firstAckAfterRestart.at - restartedAt : null,
      loadMs: Date.now() - loadStartedAt,
    };
    console.info(`outage under load: ${JSON.stringify(summary)}`);

    expect(appExit, "the app exited").toBeNull();
    expect(ackedBeforeStop, "sends succeed before the outage").toBeGreaterThan(0);
    // During the outage: answers, and only 503s with Retry-After in the API's error shape.
    expect(during.length, "requests during the outage").toBeGreaterThan(0);
    for (const answer of during) expectUnavailable(answer, `send ${answer.key} during the outage`);
    // Around it too: nothing but 201, 200 (a replay) and 503; no 500, no dropped connection.
    const unexpected = answers.filter((answer) => ![200, 201, 503].includes(answer.status ?? 0));
    expect(
      unexpected.map((answer) => `${answer.key}: ${answer.status ?? answer.error} ${JSON.stringify(answer.json)}`),
      `unexpected answers; app log: ${appLines(stopAt, /"level":(50|60)/)
        .slice(0, 5)
        .join("\n")}`,
    ).toEqual([]);
    for (const answer of answers.filter((each) => each.status === 503)) expectUnavailable(answer, `send ${answer.key}`);

    expect(summary.notReadyAfterStopMs, "readyz says 503 within 5 s of the stop").not.toBeNull();
    expect(summary.notReadyAfterStopMs!).toBeLessThanOrEqual(5_000);
    expect(summary.readyAfterRestartMs, "readyz says 200 within 5 s of the restart").not.toBeNull();
    expect(summary.readyAfterRestartMs!).toBeLessThanOrEqual(5_000);
    expect(summary.sendOkAfterRestartMs, "a send is acknowledged within 5 s of the restart").not.toBeNull();
    expect(summary.sendOkAfterRestartMs!).toBeLessThanOrEqual(5_000);

    // Every message a sender kept retrying was acknowledged in the end.
    expect(summary.pending, "never acknowledged").toEqual([]);
    // Every acknowledged message is in the thread exactly once, with the acknowledged id; nothing else of ours is.
    const inThread = await runBodies("load:");
    const missing = [...acked.values()].filter((entry) => !inThread.has(entry.body)).map((entry) => entry.body);
    const doubled = [...inThread.entries()].filter(([, entry]) => entry.count > 1).map(([body, entry]) => `${body} ×${entry.count}`);
    const wrongId = [...acked.values()]
      .filter((entry) => inThread.get(entry.body) && !inThread.get(entry.body)!.ids.includes(entry.id ?? -1))
      .map((entry) => `${entry.body}: acknowledged as ${entry.id}, stored as ${inThread.get(entry.body)!.ids.join(",")}`);
    const ackedBodies = new Set([...acked.values()].map((entry) => entry.body));
    const unacknowledged = [...inThread.keys()].filter((body) => !ackedBodies.has(body));
    expect({ missing, doubled, wrongId, unacknowledged }).toEqual({ missing: [], doubled: [], wrongId: [], unacknowledged: [] });
    expect(inThread.size).toBe(acked.size);

    // No connection leaked by the reconnects: at most the pool (DATABASE_POOL_SIZE, 10) and the event listener.
    const sessions = await cluster!.query(
      "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()",
    );
    expect(Number(sessions[0]?.[0])).toBeLessThanOrEqual(10 + 1);
  }, 60_000);

  it("a frozen PostgreSQL (SIGSTOP): requests answer 503 within about the query timeout, and recover after SIGCONT", async () => {
    expect(bookingId, "needs the app of the first test").toBeGreaterThan(0);
    // Warm: the pool holds open connections, which the frozen server keeps open but never answers on.
    const warm = await send(`${RUN} frozen: before`, `${RUN}-frozen-before`);
    expect(warm.status, JSON.stringify(warm.json)).toBe(201);
    await waitFor("ready before the freeze", 5_000, async () => ((await call("/api/readyz")).status === 200 ? true : undefined));
    // /api/readyz checks at most once a second and answers from that check meanwhile: let it lapse.
    await sleep(1_100);

    const body = `${RUN} frozen: during`;
    const key = `${RUN}-frozen-during`;
    frozen = await cluster!.freeze();
    const frozenAt = Date.now();
    const limit = DB_TIMEOUT_MS + 1_500;
    const rounds: Record<string, Answer>[] = [];
    try {
      // Two rounds: the first meets pooled connections (query timeout), the second needs new ones (connect timeout).
      for (let round = 0; round < 2; round += 1) {
        const [readyz, list, thread, sent] = await Promise.all([
          call("/api/readyz"),
          call("/api/ws/messages"),
          call(`/api/ws/messages/thread/${bookingId}?limit=5`),
          send(body, key),
        ]);
        rounds.push({ readyz: readyz!, list: list!, thread: thread!, sent: sent! });
      }
    } finally {
      const pids = frozen;
      frozen = [];
      cluster!.thaw(pids);
    }
    const thawedAt = Date.now();
    const timings = rounds.map((round) =>
      Object.fromEntries(
        Object.entries(round).map(([name, answer]) => [
          name,
          `${answer.status ?? answer.error} in ${answer.endedAt - answer.startedAt} ms`,
        ]),
      ),
    );
    console.info(`frozen: ${JSON.stringify(timings)}; thawed ${thawedAt - frozenAt} ms after the freeze`);

    expect(appExit, "the app exited").toBeNull();
    for (const [index, round] of rounds.entries()) {
      expect(round.readyz!.status, `readyz, round ${index + 1}`).toBe(503);
      expect(JSON.stringify(round.readyz!.json)).toMatch(/database/);
      expectUnavailable(round.list!, `GET /api/ws/messages, round ${index + 1}`);
      expectUnavailable(round.thread!, `GET thread, round ${index + 1}`);
      expectUnavailable(round.sent!, `POST /api/ws/messages, round ${index + 1}`);
      for (const [name, answer] of Object.entries(round)) {
        expect(answer.endedAt - answer.startedAt, `${name}, round ${index + 1}: answered within about the timeout`).toBeLessThanOrEqual(
          limit,
        );
      }
    }

    // Thawed: ready and sending again within 5 s; the retried send is stored once.
    await waitFor("/api/readyz answers 200 after the thaw", 5_000, async () =>
      (await call("/api/readyz")).status === 200 ? true : undefined,
    );
    const retried = await waitFor("the frozen-time send is acknowledged after the thaw", 5_000, async () => {
      const answer = await send(body, key);
      return answer.status === 201 || answer.status === 200 ? answer : undefined;
    });
    const inThread = await runBodies("frozen:");
    expect(inThread.get(body)?.ids).toEqual([ackedId(retried)]);
    expect(inThread.get(`${RUN} frozen: before`)?.ids).toEqual([ackedId(warm)]);
  }, 60_000);

  it("a signed-in page while PostgreSQL is stopped: a clear 'unavailable' page, no redirect loop, the inbox again once it is back", async () => {
    const browser = await launchChromium();
    try {
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${baseUrl}/login`);
      await page.getByLabel("E-post").fill("kari@nordlys-bil.no");
      await page.getByLabel("Passord").fill("demo-passord");
      await page.getByRole("button", { name: "Logg inn" }).click();
      await page.waitForURL("**/inbox");

      await cluster!.stop();
      const navigations: string[] = [];
      page.on("framenavigated", (frame) => frame === page.mainFrame() && navigations.push(frame.url()));
      await page.goto(`${baseUrl}/inbox`);
      await expect.poll(() => page.getByRole("alert").filter({ hasText: "Tjenesten er midlertidig utilgjengelig" }).count()).toBe(1);
      await sleep(1000);
      expect(new URL(page.url()).pathname).toBe("/inbox");
      // No loop between /inbox and /login: every navigation stayed on /inbox (hydration may replace the entry once).
      expect(
        navigations.map((url) => new URL(url).pathname),
        navigations.join(" → "),
      ).toEqual(navigations.map(() => "/inbox"));
      expect(navigations.length).toBeLessThanOrEqual(2);

      await cluster!.start();
      await waitFor("/api/readyz answers 200 after the restart", 10_000, async () =>
        (await call("/api/readyz")).status === 200 ? true : undefined,
      );
      await page.reload();
      await expect.poll(() => page.locator("a[data-testid^=thread-]").count()).toBeGreaterThan(0);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
