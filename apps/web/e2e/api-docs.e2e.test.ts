import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchChromium } from "./support/browser";

// The API reference at /docs/api renders from our own assets only: every request that would leave
// the app's origin is aborted (as on a network without internet) and recorded, and there must be none.

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

describe("the API reference", () => {
  it("renders /docs/api from the OpenAPI document with no request leaving the origin", async () => {
    const origin = new URL(inject("baseUrl")).origin;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const elsewhere: string[] = [];
    const local: string[] = [];
    await context.route("**/*", async (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin) {
        local.push(url.slice(origin.length));
        return route.continue();
      }
      elsewhere.push(url);
      return route.abort("internetdisconnected");
    });
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    // A request our Content-Security-Policy refuses never reaches the network, but shows here.
    page.on("console", (message) => message.type() === "error" && problems.push(message.text()));

    const res = await page.goto(`${origin}/docs/api`);
    expect(res?.status()).toBe(200);
    await page.getByRole("heading", { name: "MinBil Workshop Inbox API" }).first().waitFor({ timeout: 30_000 });
    // Operations of the document, by their summaries, and one opened.
    await page.getByText("Send a message to a thread").first().waitFor();
    await page.getByText("List inbox threads").first().click();
    await page
      .getByText(/Page size: a whole number, default 20/)
      .first()
      .waitFor();

    expect(local).toEqual(expect.arrayContaining(["/docs/api", "/docs/api/scalar.js", "/docs/api/init.js", "/api/ws/openapi.json"]));
    expect(elsewhere).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
