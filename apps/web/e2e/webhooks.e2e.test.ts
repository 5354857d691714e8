import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { WebhookReceiver } from "@minbil/api/testing/webhook-receiver";
import { launchChromium, signIn } from "./support/browser";
import { freePort } from "@minbil/api/testing/free-port";

// A partner integration as the README describes it, against the built app: register a webhook with the
// workshop's token, receive signed events for staff replies in the browser and for REST sends, survive
// its own downtime, and fill gaps from the event feed. Then the app is killed between commit and send.

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const base = () => inject("baseUrl");
const api = (pathname: string, init: RequestInit = {}, url = base(), token = inject("token")) =>
  fetch(`${url}${pathname}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...init.headers },
  });

type Payload = { type: string; timestamp: string; data: { id: string; seq: number; type: string; data: { message?: { body: string } } } };

describe("a partner's webhook", () => {
  it("receives signed events within 2 s, everything it missed while down with unchanged webhook-ids, and fills gaps from the feed", async () => {
    const receiver = new WebhookReceiver();
    await receiver.start();
    try {
      const created = await api("/api/ws/webhooks", { method: "POST", body: JSON.stringify({ url: receiver.url, description: "DMS" }) });
      expect(created.status).toBe(201);
      const { secret } = (await created.json()).data as { secret: string };
      const verify = (index: number) =>
        new Webhook(secret).verify(receiver.received[index]!.body, receiver.received[index]!.headers as Record<string, string>) as Payload;

      // A REST send.
      const bookingId = (await (await api("/api/ws/messages?limit=1")).json()).data[0].booking_id as number;
      let started = Date.now();
      await api("/api/ws/messages", {
        method: "POST",
        body: JSON.stringify({ booking_id: bookingId, body: "Fra partnerens eget system", sender_type: "customer" }),
      });
      await expect.poll(() => receiver.received.length, { timeout: 2000 }).toBe(1);
      expect(receiver.received[0]!.at - started).toBeLessThan(2000);
      expect(verify(0)).toMatchObject({
        type: "message.created",
        data: { type: "message.created", data: { message: { body: "Fra partnerens eget system" } } },
      });

      // A staff reply in the browser.
      const context = await browser.newContext();
      const page = await context.newPage();
      await signIn(page, "kari@nordlys-bil.no");
      await page.goto(`${base()}/inbox/${bookingId}`);
      await page.getByTestId("composer-text").fill("Svar fra verkstedet");
      started = Date.now();
      await page.getByTestId("composer-text").press("Enter");
      await expect
        .poll(() => receiver.received.map((_, i) => verify(i).data.data.message?.body), { timeout: 2000 })
        .toContain("Svar fra verkstedet");
      expect(receiver.received.at(-1)!.at - started).toBeLessThan(2000);
      await context.close();

      // The receiver goes down; three more sends; it comes back: all three arrive, retried with the same ids.
      const port = receiver.port;
      await receiver.stop();
      const lastSeen = verify(receiver.received.length - 1).data.seq;
      for (const body of ["Mens dere var nede 1", "Mens dere var nede 2", "Mens dere var nede 3"]) {
        await api("/api/ws/messages", { method: "POST", body: JSON.stringify({ booking_id: bookingId, body }) });
      }
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const [endpoint] = (await (await api("/api/ws/webhooks")).json()).data as { id: string }[];
      const pending = (await (await api(`/api/ws/webhooks/${endpoint!.id}/deliveries?limit=3`)).json()).data as {
        id: string;
        attempt_count: number;
        status: string;
      }[];
      expect(pending.every((delivery) => delivery.status === "pending" && delivery.attempt_count >= 1)).toBe(true);
      receiver.port = port;
      const before = receiver.received.length;
      await receiver.start();
      await expect.poll(() => receiver.received.length - before, { timeout: 15_000 }).toBe(3);
      const arrived = receiver.received.slice(before).map((request) => String(request.headers["webhook-id"]));
      expect(arrived.sort()).toEqual(pending.map((delivery) => delivery.id).sort());

      // Order is not guaranteed across retries: the feed fills any gap after the last seq seen.
      const feed = await (await api(`/api/ws/events?after=${lastSeen}`)).json();
      const seqs = new Set(receiver.received.slice(before).map((_, i) => verify(before + i).data.seq));
      expect(
        feed.data
          .filter((event: { type: string }) => event.type === "message.created")
          .map((event: { seq: number }) => event.seq)
          .every((seq: number) => seqs.has(seq)),
      ).toBe(true);
    } finally {
      await receiver.stop();
    }
  }, 60_000);
});

describe("a crash between commit and send", () => {
  let app: ChildProcess | undefined;
  let dataDir: string | undefined;
  afterAll(async () => {
    if (app && app.exitCode === null && app.signalCode === null) {
      const exited = new Promise((resolve) => app!.once("exit", resolve));
      app.kill("SIGKILL");
      await exited;
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function startApp(port: number): Promise<void> {
    const web = path.resolve(import.meta.dirname, "..");
    app = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
      cwd: web,
      env: {
        ...process.env,
        NODE_ENV: "production",
        MINBIL_DEMO: "true",
        MINBIL_DATA_DIR: dataDir,
        MINBIL_WS_ACCESS_TOKEN: "crash-test-token-0123456789",
        PORT: String(port),
        HOST: "127.0.0.1",
        LOG_LEVEL: "warn",
        DATABASE_URL: "",
        WEBHOOK_RETRY_SCHEDULE: "0,1s,1s,1s",
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (
        (await fetch(`http://127.0.0.1:${port}/api/readyz`)
          .then((res) => res.status)
          .catch(() => 0)) === 200
      )
        return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error("the app did not become ready");
  }

  it("kill -9 right after the sends: every committed event is delivered after the restart", async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "minbil-crash-"));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const token = "crash-test-token-0123456789";
    const receiver = new WebhookReceiver();
    await receiver.start();
    try {
      await startApp(port);
      expect((await api("/api/ws/webhooks", { method: "POST", body: JSON.stringify({ url: receiver.url }) }, url, token)).status).toBe(201);
      const bookingId = (await (await api("/api/ws/messages?limit=1", {}, url, token)).json()).data[0].booking_id as number;
      // Acknowledged sends, then the process dies at once (no shutdown, no flush).
      const sent = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          api("/api/ws/messages", { method: "POST", body: JSON.stringify({ booking_id: bookingId, body: `før krasj ${i}` }) }, url, token),
        ),
      );
      expect(sent.every((res) => res.status === 201)).toBe(true);
      app!.kill("SIGKILL");
      await new Promise((resolve) => app!.once("exit", resolve));

      await startApp(port);
      const bodies = () => new Set(receiver.received.map((request) => (JSON.parse(request.body) as Payload).data.data.message?.body));
      await expect.poll(() => [...bodies()].filter((body) => body?.startsWith("før krasj")).length, { timeout: 15_000 }).toBe(10);
    } finally {
      await receiver.stop();
    }
  }, 120_000);
});
