import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchChromium, signIn } from "./support/browser";

// What a phone downloads before the inbox works: every script the first visit of /inbox loads, gzip
// compressed as a CDN would send it (level 9, like Next.js's own size report used to count).

const BUDGET_KB = 180;

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

describe("the inbox's first load", () => {
  it(`ships less than ${BUDGET_KB} kB of JavaScript (gzip)`, async () => {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, "kari@nordlys-bil.no");
    // Signing in loaded the sign-in page's scripts too: count a fresh visit of /inbox with an empty cache.
    const fresh = await (await browser.newContext({ storageState: await page.context().storageState() })).newPage();
    const scripts = new Map<string, number>();
    fresh.on("response", async (response) => {
      const url = new URL(response.url());
      if (url.origin !== inject("baseUrl") || response.request().resourceType() !== "script") return;
      scripts.set(url.pathname, gzipSync(await response.body(), { level: 9 }).length);
    });
    await fresh.goto(`${inject("baseUrl")}/inbox`);
    await fresh.locator("a[data-testid^=thread-]").first().waitFor();
    await fresh.waitForTimeout(1000);
    const total = [...scripts.values()].reduce((sum, size) => sum + size, 0) / 1024;
    const largest = [...scripts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5);
    console.log(
      `first-load JavaScript of /inbox: ${total.toFixed(1)} kB gzip in ${scripts.size} files; largest: ${largest
        .map(([path, size]) => `${path.split("/").pop()} ${(size / 1024).toFixed(1)} kB`)
        .join(", ")}`,
    );
    expect(total).toBeLessThan(BUDGET_KB);
  });
});
