import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium, signIn } from "./support/browser";

// Inbox search in a real browser, on fresh demo data: a word from a message body finds its thread,
// the row shows that message's excerpt with the words marked, and opens the thread at that message.

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "nb-NO" })).newPage();
});
afterAll(async () => {
  await browser?.close();
});

describe("inbox search", () => {
  it("finds a thread by words from a message body and opens it at that message", async () => {
    const q = "BÆREARM slark";
    const listed = await (
      await fetch(`${inject("baseUrl")}/api/ws/messages?q=${encodeURIComponent(q)}`, {
        headers: { Authorization: `Bearer ${inject("token")}` },
      })
    ).json();
    expect(listed.data).toHaveLength(1);
    const { booking_id: bookingId, match } = listed.data[0];
    expect(match.excerpt).toContain("slark i venstre bærearm");
    // Not the thread's newest message: the list shows the hit, not the last message.
    expect(match.seq).toBeLessThan(listed.data[0].message_count);

    await signIn(page, "kari@nordlys-bil.no");
    await page.getByTestId("search").fill(q);
    const row = page.getByTestId(`thread-${bookingId}`);
    await expect.poll(() => page.locator("a[data-testid^=thread-]").count()).toBe(1);
    await expect.poll(() => row.getByTestId("search-excerpt").textContent()).toContain("slark i venstre bærearm");
    expect(await row.locator("mark").allTextContents()).toEqual(["slark", "bærearm"]);
    expect(await row.getByTestId("search-excerpt").textContent()).not.toContain("Blir den ferdig i dag?");

    await row.click();
    await page.waitForURL(`**/inbox/${bookingId}?m=${match.seq}`);
    const hit = page.locator(`[data-seq="${match.seq}"]`);
    await expect.poll(() => hit.getAttribute("data-search-hit")).toBe("");
    await expect.poll(() => hit.isVisible()).toBe(true);
    // The highlight is brief.
    await expect.poll(() => hit.getAttribute("data-search-hit"), { timeout: 6000 }).toBeNull();
    // The list keeps the search.
    expect(await page.getByTestId("search").inputValue()).toBe(q);
  });

  it("looks in every state, and gives back the state tab chosen before once the box is emptied", async () => {
    const done = (await (
      await fetch(`${inject("baseUrl")}/api/ws/messages?state=done`, { headers: { Authorization: `Bearer ${inject("token")}` } })
    ).json()) as { data: { booking_id: number; customer: { name: string } }[] };
    const thread = done.data[0]!;
    await page.goto(`${inject("baseUrl")}/inbox`);
    await page.getByTestId("search").fill("");
    await expect.poll(() => page.getByTestId("state-open").getAttribute("aria-pressed")).toBe("true");
    expect(await page.getByTestId(`thread-${thread.booking_id}`).count()).toBe(0);

    await page.getByTestId("search").fill(thread.customer.name);
    await page.getByTestId(`thread-${thread.booking_id}`).waitFor();
    expect(await page.getByTestId("state-open").getAttribute("aria-pressed")).toBe("false");

    await page.getByTestId("search").fill("");
    await expect.poll(() => page.getByTestId("state-open").getAttribute("aria-pressed")).toBe("true");
    await expect.poll(() => page.getByTestId(`thread-${thread.booking_id}`).count()).toBe(0);
  });
});
