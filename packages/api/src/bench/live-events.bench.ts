// pnpm bench:live (packages/api/src/bench/live-events.bench.ts) — the live-events goal of issue 10: "a message sent on one instance reaches a stream on
// another in p95 under 150 ms at 200 open streams", for each event bus (PostgreSQL LISTEN/NOTIFY, Redis).
//
// Starts two built app processes (run `pnpm build` first) on one PostgreSQL database of its own, opens
// BENCH_STREAMS (200) event streams (GET /api/ws/events/stream) on instance B, sends BENCH_SENDS (40)
// messages through REST on instance A, one at a time with a pause between, and measures for every message
// and every stream the time from the send's start to the event arriving on the stream (and from the
// send's acknowledgement, which the event may beat). Prints p50/p95/p99/max per bus.
//
// BENCH_DATABASE_URL (or TEST_DATABASE_URL; default postgresql://postgres@127.0.0.1:5432/postgres): where
// it creates, and at the end drops, its database minbil_bench_live_<pid>. BENCH_REDIS_URL (default
// redis://127.0.0.1:6379): the Redis bus is measured when it answers. BENCH_BUSES=postgres,redis chooses.

import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { freePort } from "../testing/free-port";
import { redisAnswers } from "../testing/redis-answers";

/** The web app, whose built server this starts twice. */
const WEB_DIR = path.resolve(import.meta.dirname, "../../../../apps/web");
const STREAMS = Number(process.env.BENCH_STREAMS ?? 200);
const SENDS = Number(process.env.BENCH_SENDS ?? 40);
/** Pause between sends: live delivery is measured, not throughput. */
const SEND_GAP_MS = Number(process.env.BENCH_SEND_GAP_MS ?? 250);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const TOKEN = `bench-live-${randomBytes(8).toString("hex")}`;
const METRICS_TOKEN = `bench-metrics-${randomBytes(12).toString("hex")}`;
const GOAL_P95_MS = 150;

interface App {
  name: string;
  base: string;
  child: ChildProcess;
  dataDir: string;
}

async function startApp(name: string, databaseUrl: string, bus: string): Promise<App> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dataDir = await mkdtemp(path.join(tmpdir(), `minbil-bench-live-${name}-`));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    MINBIL_DATA_DIR: dataDir,
    // Demo data (the first instance seeds the empty database); the fixed token is nordlys-bil's.
    MINBIL_DEMO: "true",
    MINBIL_WS_ACCESS_TOKEN: TOKEN,
    NEXTAUTH_SECRET: "bench-secret-not-for-production-0123456789",
    NEXTAUTH_URL: base,
    MINBIL_ENCRYPTION_KEY: "bench-encryption-key-not-for-production-0123",
    NEXT_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: "warn",
    EVENT_BUS: bus,
    REDIS_URL,
    METRICS_TOKEN,
    // 200 streams and a stream of sends from one token are far above a partner's budget.
    RATE_LIMIT_TOKEN_REQUESTS: "1000000",
    RATE_LIMIT_TOKEN_SENDS: "1000000",
  };
  delete env.MINBIL_API_BASE_URL;
  delete env.TRUST_PROXY;
  const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
    cwd: WEB_DIR,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      const res = await fetch(`${base}/api/ws/messages?limit=1`, { headers: { Authorization: `Bearer ${TOKEN}` } });
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill("SIGKILL");
      await rm(dataDir, { recursive: true, force: true });
      throw new Error(`instance ${name} did not start (did you run pnpm build?)`);
    }
    await sleep(250);
  }
  return { name, base, child, dataDir };
}

async function stopApp(app: App): Promise<void> {
  if (app.child.exitCode === null) {
    const exited = new Promise((resolve) => app.child.once("exit", resolve));
    app.child.kill("SIGTERM");
    await Promise.race([exited, sleep(25_000)]);
    if (app.child.exitCode === null) app.child.kill("SIGKILL");
  }
  await rm(app.dataDir, { recursive: true, force: true });
}

/** An SSE stream on `base`, calling `onEvent` with each event's message body and the time it arrived. */
async function openStream(base: string, signal: AbortSignal, onEvent: (body: string, at: number) => void): Promise<void> {
  // Node's fetch opens as many connections to one origin as there are requests: one per stream.
  const res = await fetch(`${base}/api/ws/events/stream`, { headers: { Authorization: `Bearer ${TOKEN}` }, signal });
  if (res.status !== 200 || !res.body) throw new Error(`stream answered ${res.status}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        const at = performance.now();
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split("\n")
            .filter((line) => line.startsWith("data: "))
            .map((line) => line.slice(6))
            .join("\n");
          if (!data) continue;
          const event = JSON.parse(data) as { type: string; data: { message?: { body?: string } } };
          if (event.type === "message.created" && event.data.message?.body) onEvent(event.data.message.body, at);
        }
      }
    } catch {
      // aborted at the end
    }
  })();
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

/** B's own view of stream lag (commit to write), from its metrics histogram: the share within 150 ms. */
async function serverSideLag(base: string): Promise<string> {
  const text = await (await fetch(`${base}/api/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const value = (le: string) =>
    Number(
      new RegExp(`^minbil_event_delivery_lag_seconds_bucket\\{le="${le.replace(".", "\\.")}",target="stream"\\} (\\S+)$`, "m").exec(
        text,
      )?.[1] ?? NaN,
    );
  const count = Number(/^minbil_event_delivery_lag_seconds_count\{target="stream"\} (\S+)$/m.exec(text)?.[1] ?? NaN);
  return `${count} deliveries; within 50 ms ${((value("0.05") / count) * 100).toFixed(1)} %, within 150 ms ${((value("0.15") / count) * 100).toFixed(1)} %`;
}

async function measure(bus: string, databaseUrl: string) {
  const started: App[] = [];
  const abort = new AbortController();
  try {
    // One after the other: the first migrates and seeds the empty database.
    const a = await startApp("A", databaseUrl, bus);
    started.push(a);
    const b = await startApp("B", databaseUrl, bus);
    started.push(b);
    const threads = (await (
      await fetch(`${a.base}/api/ws/messages?limit=1`, { headers: { Authorization: `Bearer ${TOKEN}` } })
    ).json()) as {
      data: { booking_id: number }[];
    };
    const bookingId = threads.data[0]!.booking_id;
    const run = randomBytes(3).toString("hex");
    const arrivals = new Map<string, number[]>();
    for (let i = 0; i < STREAMS; i += 1) {
      await openStream(b.base, abort.signal, (body, at) => {
        if (body.startsWith(`bench ${run} `)) (arrivals.get(body) ?? arrivals.set(body, []).get(body)!).push(at);
      });
    }
    await sleep(1_000); // every stream past its start

    const sends: { body: string; startedAt: number; ackedAt: number }[] = [];
    // Two warm-up sends (not counted): the first send and the first wake-up on each side pay for compiling.
    for (let i = -2; i < SENDS; i += 1) {
      const body = `bench ${run} ${i}`;
      const startedAt = performance.now();
      const res = await fetch(`${a.base}/api/ws/messages`, {
        method: "POST",
        headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
        body: JSON.stringify({ booking_id: bookingId, body }),
      });
      const ackedAt = performance.now();
      if (res.status !== 201) throw new Error(`send answered ${res.status}: ${await res.text()}`);
      if (i >= 0) sends.push({ body, startedAt, ackedAt });
      await sleep(SEND_GAP_MS);
    }
    await sleep(2_000);

    const fromSend: number[] = [];
    const fromAck: number[] = [];
    let missing = 0;
    for (const send of sends) {
      const times = arrivals.get(send.body) ?? [];
      missing += STREAMS - times.length;
      for (const at of times) {
        fromSend.push(at - send.startedAt);
        fromAck.push(at - send.ackedAt);
      }
    }
    fromSend.sort((x, y) => x - y);
    fromAck.sort((x, y) => x - y);
    const sendTimes = sends.map((send) => send.ackedAt - send.startedAt).sort((x, y) => x - y);
    return {
      bus,
      deliveries: fromSend.length,
      missing,
      p50: percentile(fromSend, 50),
      p95: percentile(fromSend, 95),
      p99: percentile(fromSend, 99),
      max: fromSend.at(-1)!,
      ackP50: percentile(fromAck, 50),
      ackP95: percentile(fromAck, 95),
      sendP50: percentile(sendTimes, 50),
      server: await serverSideLag(b.base),
    };
  } finally {
    abort.abort();
    await Promise.all(started.map(stopApp));
  }
}

async function main() {
  const buses = (process.env.BENCH_BUSES ?? "postgres,redis").split(",").map((bus) => bus.trim());
  const name = `minbil_bench_live_${process.pid}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  try {
    await admin.connect();
  } catch (error) {
    console.log(`live-events bench skipped: no PostgreSQL at ${new URL(ADMIN_URL).host} (${(error as Error).message})`);
    return;
  }
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  console.log(
    `live events: ${STREAMS} streams on instance B, ${SENDS} sends on instance A (${SEND_GAP_MS} ms apart), database ${name}; load average ${loadavg()
      .map((n) => n.toFixed(2))
      .join(" ")}`,
  );
  const results = [];
  try {
    for (const bus of buses) {
      if (bus === "redis" && !(await redisAnswers(REDIS_URL))) {
        console.log(`redis: skipped (nothing answers at ${new URL(REDIS_URL).host})`);
        continue;
      }
      const result = await measure(bus, url.toString());
      results.push(result);
      console.log(
        `${bus}: ${result.deliveries} deliveries, ${result.missing} missing; send start → stream p50 ${ms(result.p50)}, p95 ${ms(result.p95)}, p99 ${ms(result.p99)}, max ${ms(result.max)}; ` +
          `send acknowledged → stream p50 ${ms(result.ackP50)}, p95 ${ms(result.ackP95)}; send itself p50 ${ms(result.sendP50)}; B's metrics: ${result.server}`,
      );
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
  console.log("\n| bus | deliveries (missing) | p50 | p95 | p99 | max | goal p95 < 150 ms |");
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  for (const r of results) {
    console.log(
      `| ${r.bus} | ${r.deliveries} (${r.missing}) | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.p95 < GOAL_P95_MS ? "met" : "missed"} |`,
    );
  }
}

await main();
