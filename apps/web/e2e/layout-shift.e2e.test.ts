import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium, signIn } from "./support/browser";
import { customerWrites } from "./support/api";

// On a phone the thread list fills the screen. New messages arriving must not make it jump.

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "nb-NO" })).newPage();
});
afterAll(() => browser?.close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the thread list on a phone", () => {
  it("stays still while five messages arrive live in five threads", async () => {
    await signIn(page, "kari@nordlys-bil.no");
    await expect.poll(() => page.locator("a[data-testid^=thread-]").count()).toBeGreaterThan(8);
    // Threads listed from the top of the screen down to below it: each moves to the top of the newest-first order.
    const ids = (
      await page.locator("a[data-testid^=thread-]").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-testid")))
    ).map((testId) => Number(testId!.replace("thread-", "")));
    const arriving = [ids[1], ids[3], ids[5], ids[7], ids[9]].filter((id): id is number => id !== undefined);
    expect(arriving).toHaveLength(5);
    await sleep(1500); // nothing left of the sign-in's own input and load
    await page.evaluate(() => {
      const state = window as unknown as { cumulativeLayoutShift: number };
      state.cumulativeLayoutShift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[])
          if (!entry.hadRecentInput) state.cumulativeLayoutShift += entry.value;
      }).observe({ type: "layout-shift" });
    });

    for (const [index, id] of arriving.entries()) {
      const body = `Ny melding ${index + 1} (${Date.now()})`;
      await customerWrites(id, body);
      // The person sees it: the thread's row shows the new message.
      await expect.poll(() => page.getByTestId(`thread-${id}`).textContent(), { timeout: 10_000 }).toContain(body);
      await sleep(700);
    }
    const cls = await page.evaluate(() => (window as unknown as { cumulativeLayoutShift: number }).cumulativeLayoutShift);
    console.log(`cumulative layout shift for five live arrivals at 360x740: ${cls.toFixed(3)}`);
    await page.screenshot({ path: "/tmp/shots/cls-after.png" });
    expect(cls).toBeLessThan(0.1);
  });
});
