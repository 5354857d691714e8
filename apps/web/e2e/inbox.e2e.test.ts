import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium, signIn } from "./support/browser";
import { gradientPng } from "./support/png";

// Workshop staff in a real browser, against the built app on fresh demo data.

const SCREENSHOT = path.resolve(import.meta.dirname, "../../../docs/inbox-screenshot.png");
let browser: Browser;
let context: BrowserContext;
let page: Page;
let openBookingId: number;

const api = (pathname: string, init: RequestInit = {}) =>
  fetch(`${inject("baseUrl")}${pathname}`, {
    ...init,
    headers: { Authorization: `Bearer ${inject("token")}`, "Content-Type": "application/json", ...init.headers },
  });

beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1400, height: 860 }, locale: "nb-NO" });
  // Keeps a handle on the page's event streams, so a test can cut one as a lost connection does.
  await context.addInitScript(() => {
    const Native = window.EventSource;
    const streams: EventSource[] = [];
    Object.assign(window, { __liveStreams: streams });
    window.EventSource = class extends Native {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        streams.push(this);
      }
    };
  });
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
});

describe("the staff inbox", () => {
  it("signs in and shows unread counts in the header, the title and the list", async () => {
    await signIn(page, "kari@nordlys-bil.no");
    const total = page.getByTestId("total-unread");
    await expect.poll(() => total.textContent()).toMatch(/^\d+$/);
    expect(Number(await total.textContent())).toBeGreaterThan(0);
    await expect.poll(() => page.title()).toMatch(/^\(\d+\) MinBil Innboks$/);
    expect(await page.getByTestId("unread-badge").count()).toBeGreaterThan(0);
  });

  it("opens a thread, shows the booking beside it and marks it read", async () => {
    const before = Number(await page.getByTestId("total-unread").textContent());
    const firstUnread = page
      .locator("a[data-testid^=thread-]")
      .filter({ has: page.getByTestId("unread-badge") })
      .first();
    openBookingId = Number((await firstUnread.getAttribute("data-testid"))!.replace("thread-", ""));
    const row = page.getByTestId(`thread-${openBookingId}`);
    const badge = Number(await row.getByTestId("unread-badge").textContent());
    await row.click();
    await page.waitForURL(`**/inbox/${openBookingId}`);
    await expect.poll(() => page.getByTestId("message").count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId("booking-panel").textContent()).toContain("Bestilling");
    await expect.poll(() => row.getByTestId("unread-badge").count()).toBe(0);
    await expect
      .poll(async () =>
        Number(
          (await page
            .getByTestId("total-unread")
            .textContent()
            .catch(() => "0")) ?? 0,
        ),
      )
      .toBe(before - badge);
    const thread = await (await api(`/api/ws/messages/thread/${openBookingId}`)).json();
    expect(thread.data.unread_count).toBe(0);
  });

  it("sends a text reply with Enter", async () => {
    const text = `Hei! Bilen er klar kl. 15. (${Date.now()})`;
    await page.getByTestId("composer-text").fill(text);
    await page.getByTestId("composer-text").press("Enter");
    await expect.poll(() => page.getByTestId("message").filter({ hasText: text }).count()).toBe(1);
    await expect.poll(() => page.getByTestId("message").filter({ hasText: text }).getAttribute("data-pending")).toBeNull();
    const thread = await (await api(`/api/ws/messages/thread/${openBookingId}`)).json();
    expect(thread.data.messages.at(-1)).toMatchObject({ body: text, sender_type: "workshop", sender: "Kari Nordmann" });
  });

  it("sends a photo and shows its thumbnail", async () => {
    await page.getByTestId("file-input").setInputFiles({ name: "skade-foran.png", mimeType: "image/png", buffer: gradientPng() });
    await expect.poll(() => page.getByRole("button", { name: "Fjern skade-foran.png" }).count()).toBe(1);
    await page.getByTestId("composer-text").fill("Her er et bilde av skaden.");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    const thumbnail = page.getByTestId("message").filter({ hasText: "Her er et bilde av skaden." }).getByTestId("thumbnail");
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(96);
    expect(await thumbnail.getAttribute("src")).toMatch(/^\/api\/ws\/messages\/attachments\/att_/);
  });

  it("shows a message sent through the REST API at once, without a reload", async () => {
    const body = `Takk! Jeg kommer rett etter jobb. (${Date.now()})`;
    const res = await api("/api/ws/messages", {
      method: "POST",
      body: JSON.stringify({ booking_id: openBookingId, body, sender_type: "customer" }),
    });
    expect(res.status).toBe(201);
    await expect.poll(() => page.getByTestId("message").filter({ hasText: body }).count(), { timeout: 10_000 }).toBe(1);
    // Read while it is open: the badge does not come back.
    const row = page.getByTestId(`thread-${openBookingId}`);
    await expect.poll(() => row.textContent()).toContain(body.slice(0, 20));
    await expect.poll(() => row.getByTestId("unread-badge").count()).toBe(0);
    await expect.poll(async () => (await api(`/api/ws/messages/thread/${openBookingId}`).then((r) => r.json())).data.unread_count).toBe(0);
    await page.screenshot({ path: SCREENSHOT });
  });

  it("catches up on what was sent while its live stream was away, after the server refused it once", async () => {
    // A fresh page, which has had no event yet: its stream's first message says where it starts.
    await page.reload();
    await expect.poll(() => page.locator("p[aria-live=polite]").textContent()).toBe("Live");
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The connection is lost, a customer writes meanwhile, and reconnecting is refused with 503, as an
    // instance still starting answers: EventSource gives up on that by itself.
    const EVENTS = "**/api/trpc/messages.events**";
    let refused = 0;
    await page.route(EVENTS, (route) => {
      refused += 1;
      return route.fulfill({ status: 503, contentType: "application/json", body: '{"error":"starting"}' });
    });
    await page.evaluate(() => {
      for (const stream of (window as unknown as { __liveStreams: EventSource[] }).__liveStreams) {
        if (stream.readyState === EventSource.CLOSED) continue;
        stream.close();
        stream.dispatchEvent(new Event("error"));
      }
    });
    const body = `Sendt mens dere var borte (${Date.now()})`;
    const res = await api("/api/ws/messages", {
      method: "POST",
      body: JSON.stringify({ booking_id: openBookingId, body, sender_type: "customer" }),
    });
    expect(res.status).toBe(201);
    await expect.poll(() => refused, { timeout: 10_000 }).toBeGreaterThan(0);
    await page.unroute(EVENTS);
    await expect.poll(() => page.getByTestId("message").filter({ hasText: body }).count(), { timeout: 15_000 }).toBe(1);
  });

  it("leaves a message that arrives in a background tab unread until the tab is looked at", async () => {
    const setVisibility = (state: "hidden" | "visible") =>
      page.evaluate((value) => {
        Object.defineProperty(document, "visibilityState", { value, configurable: true });
        document.dispatchEvent(new Event("visibilitychange"));
      }, state);
    await setVisibility("hidden");
    const body = `Er dere der? (${Date.now()})`;
    await api("/api/ws/messages", { method: "POST", body: JSON.stringify({ booking_id: openBookingId, body, sender_type: "customer" }) });
    await expect.poll(() => page.getByTestId("message").filter({ hasText: body }).count()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const unread = async () => (await api(`/api/ws/messages/thread/${openBookingId}`).then((r) => r.json())).data.unread_count;
    expect(await unread()).toBe(1);
    await setVisibility("visible");
    await expect.poll(unread).toBe(0);
  });

  it("keeps the draft and says so when a send fails", async () => {
    await page.route("**/api/trpc/messages.send**", (route) => route.abort("failed"));
    const draft = "Dette utkastet må ikke forsvinne.";
    await page.getByTestId("composer-text").fill(draft);
    await page.getByTestId("composer-text").press("Enter");
    await expect.poll(() => page.getByTestId("composer-error").count()).toBe(1);
    expect(await page.getByTestId("composer-text").inputValue()).toBe(draft);
    expect(await page.getByTestId("message").filter({ hasText: draft }).count()).toBe(0);
    await page.unroute("**/api/trpc/messages.send**");
  });

  it("sends staff back to sign-in, saying why, when their session has ended", async () => {
    await context.clearCookies();
    await page.getByTestId("composer-text").fill("Etter utlogging");
    await page.getByTestId("composer-text").press("Enter");
    await page.waitForURL("**/login?error=SessionRequired**");
    await expect.poll(() => page.getByRole("alert").filter({ hasText: "Økten din er avsluttet" }).count()).toBe(1);
  });

  it("does not let staff of another workshop open the thread by its URL", async () => {
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await signIn(otherPage, "ola@fjord-auto.no");
    const response = await otherPage.goto(`${inject("baseUrl")}/inbox/${openBookingId}`);
    expect(response?.status()).toBe(404);
    await expect.poll(() => otherPage.getByText(/Fant ikke samtalen/).count()).toBe(1);
    expect(await otherPage.getByTestId("message").count()).toBe(0);
    const download = await otherPage.request.get(`${inject("baseUrl")}/api/ws/messages/thread/${openBookingId}`);
    expect(download.status()).toBe(404);
    await other.close();
  });
});
