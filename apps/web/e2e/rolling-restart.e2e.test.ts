import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchChromium, waitForHydration } from "./support/browser";
import { startTwoInstances, type TwoInstances } from "./support/two-instances";
import type { AppInstance } from "./support/app-instance";

// A rolling restart of one of two instances under a send load, as a deploy does it: SIGTERM to B, B
// started again, while clients send with Idempotency-Keys and retry on the other instance. No
// acknowledged message may be lost or stored twice, and a browser on B resumes its live stream by
// itself (no reload), including what was sent while B was away.

const RUN = randomUUID().slice(0, 8);
const SENDERS = 4;
const REQUEST_TIMEOUT_MS = 15_000;

let setup: TwoInstances;
let browser: Browser;
let bookingId = 0;

beforeAll(async () => {
  [setup, browser] = await Promise.all([
    // The load is far above one token's default budget; this test is about restarts, not limits.
    startTwoInstances({ RATE_LIMIT_TOKEN_REQUESTS: "100000", RATE_LIMIT_TOKEN_SENDS: "100000" }),
    launchChromium(),
  ]);
  bookingId = (await (await call(setup.a, "/api/ws/messages?limit=1")).json()).data[0].booking_id;
}, 120_000);

afterEach((context) => {
  if (context.task.result?.state !== "fail") return;
  console.error(`--- the instances' last output ---\n${setup?.a.tail()}\n${setup?.b.tail()}`);
});

afterAll(async () => {
  await browser?.close();
  await setup?.close();
}, 60_000);

function call(instance: AppInstance, pathname: string, init: RequestInit = {}) {
  return fetch(`${instance.url}${pathname}`, {
    ...init,
    headers: { Authorization: `Bearer ${setup.token}`, "Content-Type": "application/json", ...init.headers },
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
}

/** Sends through A (REST, as a customer's message relayed by a partner) and expects it stored. */
async function sendThroughA(body: string) {
  const res = await call(setup.a, "/api/ws/messages", {
    method: "POST",
    body: JSON.stringify({ booking_id: bookingId, body, sender_type: "customer" }),
  });
  expect(res.status).toBe(201);
}

/** Every message body of the thread with how often it occurs (paging back with meta.next_cursor). */
async function threadBodies(): Promise<Map<string, number[]>> {
  const seen = new Map<string, number[]>();
  let cursor: string | null = null;
  for (let page = 0; page < 100; page += 1) {
    const res = await call(
      setup.a,
      `/api/ws/messages/thread/${bookingId}?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    const json = (await res.json()) as { data: { messages: { id: number; body: string }[] }; meta: { next_cursor: string | null } };
    for (const message of json.data.messages) seen.set(message.body, [...(seen.get(message.body) ?? []), message.id]);
    cursor = json.meta.next_cursor;
    if (!cursor) return seen;
  }
  throw new Error("the thread did not end within 100 pages");
}

describe("a rolling restart of one of two instances", () => {
  it("loses and doubles no acknowledged message under load, and a browser on the restarted instance resumes live", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${setup.b.url}/login`);
    await waitForHydration(page, "form button");
    await page.getByLabel("E-post").fill("kari@nordlys-bil.no");
    await page.getByLabel("Passord").fill("demo-passord");
    await page.getByRole("button", { name: "Logg inn" }).click();
    await page.waitForURL("**/inbox");
    await page.goto(`${setup.b.url}/inbox/${bookingId}`);
    await waitForHydration(page, "[data-testid=composer-text]");
    // A reload would lose this.
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    const shownOnB = (text: string) => page.getByTestId("message").filter({ hasText: text }).count();
    await page.waitForTimeout(1_000);
    const before = `${RUN} before the restart`;
    await sendThroughA(before);
    await expect.poll(() => shownOnB(before), { timeout: 5_000 }).toBe(1);

    // The load: each message is sent with its own key until acknowledged, every try on the other instance.
    const answers: Record<string, number> = {};
    const acked = new Map<string, { body: string; id: number }>();
    const pending = new Map<string, string>();
    let stopSending = false;
    let drainUntil = Number.POSITIVE_INFINITY;
    const tally = (what: string) => (answers[what] = (answers[what] ?? 0) + 1);
    async function sender(index: number) {
      for (let n = 1; !stopSending; n += 1) {
        const key = `${RUN}-${index}-${n}`;
        const body = `${RUN} load: sender ${index} message ${n}`;
        pending.set(key, body);
        for (let attempt = 0; Date.now() < drainUntil; attempt += 1) {
          const instance = (index + n + attempt) % 2 === 0 ? setup.a : setup.b;
          try {
            const res = await call(instance, "/api/ws/messages", {
              method: "POST",
              headers: { "Idempotency-Key": key },
              body: JSON.stringify({ booking_id: bookingId, body }),
            });
            tally(String(res.status));
            if (res.status === 201 || res.status === 200) {
              acked.set(key, { body, id: ((await res.json()) as { data: { id: number } }).data.id });
              pending.delete(key);
              break;
            }
            await res.body?.cancel();
          } catch (error) {
            tally(`error: ${(error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name}`);
          }
          await sleep(100);
        }
        await sleep(20);
      }
    }
    const load = Promise.all(Array.from({ length: SENDERS }, (_, index) => sender(index)));

    let stopped: { code: number | null; signal: NodeJS.Signals | null } = { code: null, signal: null };
    let stopMs = 0;
    let restartMs = 0;
    let ackedBeforeRestart = 0;
    const during = `${RUN} while B was away`;
    try {
      await sleep(1_500);
      ackedBeforeRestart = acked.size;
      const stopAt = Date.now();
      stopped = await setup.b.stop("SIGTERM");
      stopMs = Date.now() - stopAt;
      await sendThroughA(during);
      const startAt = Date.now();
      await setup.b.start();
      restartMs = Date.now() - startAt;
      await sleep(1_500);
    } finally {
      stopSending = true;
      drainUntil = Date.now() + 10_000;
      await load;
    }

    // The browser on B: what was sent while B was away and after it came back appears without a reload.
    const after = `${RUN} after the restart`;
    await sendThroughA(after);
    const resumeStartedAt = Date.now();
    await expect.poll(() => shownOnB(after), { timeout: 15_000 }).toBe(1);
    const resumedAfterMs = Date.now() - resumeStartedAt;
    expect(await shownOnB(during)).toBe(1);
    expect(await shownOnB(before)).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

    const stored = await threadBodies();
    const missing = [...acked.values()].filter((entry) => !stored.get(entry.body)?.includes(entry.id)).map((entry) => entry.body);
    const doubled = [...stored.entries()].filter(([body, ids]) => body.startsWith(`${RUN} load:`) && ids.length > 1).map(([body]) => body);
    const ackedBodies = new Set([...acked.values()].map((entry) => entry.body));
    const unacknowledged = [...stored.keys()].filter((body) => body.startsWith(`${RUN} load:`) && !ackedBodies.has(body));
    console.info(
      `rolling restart: ${JSON.stringify({ answers, acked: acked.size, ackedBeforeRestart, stopMs, restartMs, exit: stopped, resumedAfterMs })}`,
    );
    expect(stopped, "B ends by itself on SIGTERM").toEqual({ code: 0, signal: null });
    expect(ackedBeforeRestart).toBeGreaterThan(0);
    expect([...pending.values()], "never acknowledged").toEqual([]);
    expect({ missing, doubled, unacknowledged }).toEqual({ missing: [], doubled: [], unacknowledged: [] });
    // Only acknowledgements and "try again" answers: no 500 during the restart.
    expect(Object.keys(answers).filter((what) => !["200", "201", "503"].includes(what) && !what.startsWith("error:"))).toEqual([]);
  }, 90_000);
});
