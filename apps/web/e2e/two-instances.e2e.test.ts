import { readdir } from "node:fs/promises";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { S3Storage } from "@minbil/api/attachments/s3-storage";
import { WebhookReceiver } from "@minbil/api/testing/webhook-receiver";
import { launchChromium, waitForHydration } from "./support/browser";
import { gradientPng } from "./support/png";
import { startTwoInstances, type TwoInstances } from "./support/two-instances";

// Two production app processes behind no sticky load balancer, on one PostgreSQL, with attachments in
// an S3-compatible bucket: what one instance does is seen, served and counted by the other. A browser
// on B sees a message sent through A at once and its photo comes from the bucket; the API's address
// and send limits and the sign-in throttle count both instances' requests together; a webhook goes
// out once.

/** Requests without valid credentials per client address per window, both instances together. */
const ADDRESS_LIMIT = 20;
/** Messages sent per API token per window (the other tests send fewer with nordlys-bil's token). */
const SEND_LIMIT = 15;

let setup: TwoInstances;
let browser: Browser;
let bookingId = 0;

beforeAll(async () => {
  [setup, browser] = await Promise.all([
    startTwoInstances({ RATE_LIMIT_ADDRESS_REQUESTS: String(ADDRESS_LIMIT), RATE_LIMIT_TOKEN_SENDS: String(SEND_LIMIT) }),
    launchChromium(),
  ]);
  bookingId = (await (await api(setup.a, "/api/ws/messages?limit=1")).json()).data[0].booking_id;
}, 120_000);

afterEach((context) => {
  if (context.task.result?.state !== "fail") return;
  console.error(`--- the instances' last output ---\n${setup?.a.tail()}\n${setup?.b.tail()}`);
});

afterAll(async () => {
  await browser?.close();
  await setup?.close();
}, 60_000);

const api = (instance: { url: string }, pathname: string, init: RequestInit = {}) =>
  fetch(`${instance.url}${pathname}`, { ...init, headers: { Authorization: `Bearer ${setup.token}`, ...init.headers } });

/** Signs in on one instance's page: "signed in", or the form's error text. */
async function signInAt(page: Page, baseUrl: string, email: string, password = "demo-passord"): Promise<string> {
  await page.goto(`${baseUrl}/login`);
  await waitForHydration(page, "form button");
  await page.getByLabel("E-post").fill(email);
  await page.getByLabel("Passord").fill(password);
  await page.getByRole("button", { name: "Logg inn" }).click();
  const error = page.getByText(/Feil e-post eller passord|For mange forsøk/);
  await Promise.race([
    page.waitForURL("**/inbox", { timeout: 15_000 }).catch(() => {}),
    error.waitFor({ timeout: 15_000 }).catch(() => {}),
  ]);
  if (new URL(page.url()).pathname.startsWith("/inbox")) return "signed in";
  return (await error.textContent({ timeout: 1_000 }).catch(() => null)) ?? `neither signed in nor refused: ${page.url()}`;
}

describe("two app instances on one database and one bucket", () => {
  it("shows a message sent through A live in a browser on B, and B serves its photo from the bucket", async () => {
    const page = await (await browser.newContext()).newPage();
    expect(await signInAt(page, setup.b.url, "kari@nordlys-bil.no")).toBe("signed in");
    await page.goto(`${setup.b.url}/inbox/${bookingId}`);
    await waitForHydration(page, "[data-testid=composer-text]");
    // A moment for the live stream to connect (it resumes from the page's position either way).
    await page.waitForTimeout(1_000);

    const text = `Bilde sendt via A (${Date.now()})`;
    const photo = gradientPng(96, 64);
    const form = new FormData();
    form.set("booking_id", String(bookingId));
    form.set("body", text);
    form.set("sender_type", "customer");
    form.append("attachments", new File([new Uint8Array(photo)], "skade.png", { type: "image/png" }));
    const sentAt = Date.now();
    const sent = await api(setup.a, "/api/ws/messages", { method: "POST", body: form });
    expect(sent.status, await sent.clone().text()).toBe(201);
    const message = (await sent.json()).data as { attachments: { id: string; url: string }[] };

    const shown = page.getByTestId("message").filter({ hasText: text });
    await expect.poll(() => shown.count(), { timeout: 5_000 }).toBe(1);
    const liveAfterMs = Date.now() - sentAt;
    // The thumbnail is loaded from B, which reads it from the bucket.
    const thumbnail = shown.getByTestId("thumbnail");
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 5_000 }).toBe(96);

    const download = await api(setup.b, message.attachments[0]!.url);
    expect(download.status).toBe(200);
    expect(Buffer.compare(Buffer.from(await download.arrayBuffer()), photo)).toBe(0);

    // The bytes are in the bucket, and on neither instance's disk.
    const bucket = S3Storage.fromSettings(setup.s3.settings);
    const keys: string[] = [];
    for await (const object of bucket.list()) keys.push(object.key);
    bucket.close();
    expect(keys.some((key) => key.endsWith(`/${message.attachments[0]!.id}`))).toBe(true);
    for (const dir of setup.dataDirs) {
      const files = await readdir(path.join(dir, "attachments"), { recursive: true }).catch(() => []);
      expect(files, `attachments on ${dir}`).toEqual([]);
    }
    console.info(`two instances: a message sent through A was shown on B after ${liveAfterMs} ms`);
  });

  it("counts requests without valid credentials against one limit across both instances", async () => {
    const statuses: number[] = [];
    for (let n = 0; n < ADDRESS_LIMIT + 10; n += 1) {
      const instance = n % 2 === 0 ? setup.a : setup.b;
      statuses.push((await fetch(`${instance.url}/api/ws/messages`, { headers: { Authorization: "Bearer mbw_wrong" } })).status);
    }
    // Each instance alone would allow ADDRESS_LIMIT; together they allow it once.
    expect(statuses.filter((status) => status === 401)).toHaveLength(ADDRESS_LIMIT);
    expect(statuses.slice(ADDRESS_LIMIT).every((status) => status === 429)).toBe(true);
  });

  it("counts one API token's sends against one limit across both instances", async () => {
    // fjord-auto's token, made by A's demo seed and printed once in its output.
    const seedLines = setup.a.output.slice(setup.a.output.findIndex((line) => line.includes("(fjord-auto)")));
    const fjordToken = /API token: (\S+)/.exec(seedLines.find((line) => /API token: /.test(line)) ?? "")?.[1];
    expect(fjordToken, "fjord-auto's token in A's output").toMatch(/^mbw_/);
    const fjord = (instance: { url: string }, pathname: string, init: RequestInit = {}) =>
      fetch(`${instance.url}${pathname}`, {
        ...init,
        headers: { Authorization: `Bearer ${fjordToken}`, "Content-Type": "application/json" },
      });
    const fjordBooking = (await (await fjord(setup.b, "/api/ws/messages?limit=1")).json()).data[0].booking_id;
    const statuses: number[] = [];
    for (let n = 0; n < SEND_LIMIT + 6; n += 1) {
      const res = await fjord(n % 2 === 0 ? setup.a : setup.b, "/api/ws/messages", {
        method: "POST",
        body: JSON.stringify({ booking_id: fjordBooking, body: `Grense ${n}` }),
      });
      statuses.push(res.status);
    }
    expect(statuses.filter((status) => status === 201)).toHaveLength(SEND_LIMIT);
    expect(statuses.slice(SEND_LIMIT).every((status) => status === 429)).toBe(true);
  });

  it("throttles wrong passwords for one account across both instances", async () => {
    const page = await (await browser.newContext()).newPage();
    const outcomes: string[] = [];
    for (let n = 0; n < 8; n += 1) {
      const instance = n % 2 === 0 ? setup.a : setup.b;
      outcomes.push(await signInAt(page, instance.url, "per@nordlys-bil.no", `feil-passord-${n}`));
    }
    // 5 failures per account and address: the 6th attempt is refused, whichever instance gets it.
    expect(outcomes.slice(0, 5).every((outcome) => outcome.includes("Feil e-post eller passord"))).toBe(true);
    expect(outcomes.slice(5).every((outcome) => outcome.includes("For mange forsøk"))).toBe(true);
    // Even the right password now waits.
    expect(await signInAt(page, setup.b.url, "per@nordlys-bil.no")).toMatch(/For mange forsøk/);
  });

  it("makes each webhook attempt once, though both instances deliver webhooks", async () => {
    const receiver = new WebhookReceiver();
    await receiver.start();
    try {
      const created = await api(setup.a, "/api/ws/webhooks", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ url: receiver.url, description: "to instanser", event_types: ["message.created"] }),
      });
      expect(created.status, await created.clone().text()).toBe(201);
      const SENDS = 10;
      const tag = `webhook-once ${Date.now()}`;
      for (let n = 0; n < SENDS; n += 1) {
        const res = await api(n % 2 === 0 ? setup.a : setup.b, "/api/ws/messages", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ booking_id: bookingId, body: `${tag} ${n}`, sender_type: "customer" }),
        });
        expect(res.status).toBe(201);
      }
      const ours = () => receiver.received.filter((request) => request.body.includes(tag));
      await expect.poll(() => ours().length, { timeout: 10_000 }).toBeGreaterThanOrEqual(SENDS);
      // Both workers poll every moment; give a second attempt time to show up if one were made.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const ids = ours().map((request) => String(request.headers["webhook-id"]));
      expect(ids).toHaveLength(SENDS);
      expect(new Set(ids).size).toBe(SENDS);
    } finally {
      await receiver.stop();
    }
  });
});
