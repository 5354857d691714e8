import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium, signIn } from "./support/browser";
import { axeViolations, blocking, type Violation } from "./support/axe";

// axe-core over every screen staff use, on a phone and on a laptop, signed in as the owner.

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const SIZES = [
  { width: 360, height: 740 },
  { width: 1280, height: 800 },
];

const report = (violations: Violation[]) =>
  violations.map((v) => `${v.impact} ${v.id}: ${v.help}\n    ${v.targets.join("\n    ")}`).join("\n");

/** No serious or critical violation, and headings that start at one h1 and skip no level. */
async function expectAccessible(page: Page, name: string) {
  const violations = await axeViolations(page);
  const found = [...blocking(violations), ...violations.filter((v) => ["page-has-heading-one", "heading-order"].includes(v.id))];
  expect(report(found), `${name} at ${page.viewportSize()?.width}px`).toBe("");
  expect(await page.getByRole("heading", { level: 1 }).count(), `one h1 on ${name}`).toBe(1);
}

describe.each(SIZES)("at $width×$height", (viewport) => {
  let page: Page;
  beforeAll(async () => {
    page = await (await browser.newContext({ viewport, locale: "nb-NO" })).newPage();
  });

  it("the sign-in page", async () => {
    await page.goto(`${inject("baseUrl")}/login`);
    await page.getByRole("button", { name: "Logg inn" }).waitFor();
    await expectAccessible(page, "sign-in");
  });

  it("the inbox list", async () => {
    await signIn(page, "kari@nordlys-bil.no");
    await page.locator("a[data-testid^=thread-]").first().waitFor();
    await expectAccessible(page, "inbox");
  });

  it("an open thread, with focus inside the conversation", async () => {
    const row = page.locator("a[data-testid^=thread-]").nth(1);
    const id = (await row.getAttribute("data-testid"))!.replace("thread-", "");
    await row.click();
    await page.waitForURL(`**/inbox/${id}`);
    await expect.poll(() => page.getByTestId("message").count()).toBeGreaterThan(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest("[data-testid=conversation]") !== null)).toBe(true);
    await expectAccessible(page, "thread");
  });

  it("the settings page", async () => {
    await page.goto(`${inject("baseUrl")}/settings`);
    await page.getByRole("button", { name: "Lag nøkkel" }).waitFor();
    if ((await page.getByText("Trukket tilbake").count()) === 0) {
      // A revoked token too, so that its look is checked.
      await page.getByPlaceholder("Navn på nøkkelen").fill(`Tilgjengelighet ${viewport.width}`);
      await page.getByRole("button", { name: "Lag nøkkel" }).click();
      await page.getByTestId("new-token").waitFor();
      const row = page.locator("tr", { hasText: `Tilgjengelighet ${viewport.width}` });
      await row.getByRole("button", { name: "Trekk tilbake" }).click();
      await page.getByRole("alertdialog").getByRole("button", { name: "Trekk tilbake" }).click();
      await expect.poll(() => row.textContent()).toContain("Trukket tilbake");
    }
    await expectAccessible(page, "settings");
    await page.screenshot({ path: `/tmp/shots/settings-${viewport.width}.png`, fullPage: true });
  });

  it("the account page", async () => {
    await page.goto(`${inject("baseUrl")}/account`);
    await page.getByRole("button", { name: "Logg ut overalt" }).waitFor();
    await expectAccessible(page, "account");
  });
});
