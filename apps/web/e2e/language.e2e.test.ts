import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium, signIn } from "./support/browser";

// The page says which language it is in, so that screen readers pronounce it right.

let browser: Browser;
let context: BrowserContext;
beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
});
afterAll(() => browser?.close());

const lang = (page: Page) => page.evaluate(() => document.documentElement.lang);

describe("the interface language", () => {
  it("is Norwegian by default and English once chosen, on every page", async () => {
    const page = await context.newPage();
    await signIn(page, "kari@nordlys-bil.no");
    expect(await lang(page)).toBe("nb");
    await page.getByRole("combobox", { name: "Språk" }).selectOption("en");
    await expect.poll(() => page.getByRole("link", { name: /^Inbox/ }).count()).toBe(1);
    await expect.poll(() => lang(page)).toBe("en");
    await page.goto(`${inject("baseUrl")}/settings`);
    await page.getByRole("heading", { name: "API tokens" }).waitFor();
    expect(await lang(page)).toBe("en");
  });

  it("is English on the sign-in page for someone who chose English", async () => {
    const fresh = await browser.newContext();
    await fresh.addCookies([{ name: "minbil-lang", value: "en", url: inject("baseUrl") }]);
    const page = await fresh.newPage();
    await page.goto(`${inject("baseUrl")}/login`);
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    expect(await lang(page)).toBe("en");
    await fresh.clearCookies();
    await page.reload();
    await page.getByRole("button", { name: "Logg inn" }).waitFor();
    expect(await lang(page)).toBe("nb");
    await fresh.close();
  });

  it("can be chosen on the sign-in page, before signing in", async () => {
    const fresh = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await fresh.newPage();
    await page.goto(`${inject("baseUrl")}/login`);
    await page.getByRole("button", { name: "Logg inn" }).waitFor();
    await page.getByRole("combobox", { name: "Språk" }).selectOption("en");
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    expect(await lang(page)).toBe("en");
    await page.getByLabel("E-mail").fill("kari@nordlys-bil.no");
    await page.getByLabel("Password").fill("demo-passord");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL("**/inbox");
    expect(await lang(page)).toBe("en");
    await fresh.close();
  });
});
