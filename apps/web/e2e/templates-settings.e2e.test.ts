import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium, signIn } from "./support/browser";
import { api } from "./support/api";

// Message templates in Settings: the demo's defaults are there, an unknown variable is named as it is
// typed (and the form is not sent), and a saved template is what the API lists.

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchChromium();
  page = await (await browser.newContext({ locale: "nb-NO" })).newPage();
  await signIn(page, "kari@nordlys-bil.no");
  await page.goto(`${inject("baseUrl")}/settings`);
});
afterAll(() => browser?.close());

describe("templates in settings", () => {
  it("show the defaults, refuse an unknown variable inline, and save a new template", async () => {
    const section = page.locator("section", { has: page.getByRole("heading", { name: "Maler", level: 2 }) });
    await expect.poll(() => section.getByText("Bilen er klar", { exact: true }).count()).toBe(1);
    expect(await section.getByText("Setter status «Klar til henting»").count()).toBe(1);

    const form = page.getByRole("form", { name: "Legg til mal" });
    await form.getByLabel("Navn").fill("Pristilbud");
    await form.getByLabel("Tekst på bokmål").fill("Hei {fornavn}, prisen blir {pris} for {bil}.");
    await expect.poll(() => form.getByRole("alert").textContent()).toContain("Ukjent variabel: {pris}");
    expect(await form.getByRole("button", { name: "Legg til mal" }).isDisabled()).toBe(true);

    await form.getByLabel("Tekst på bokmål").fill("Hei {fornavn}, vi sender pristilbud for {bil} i dag.");
    expect(await form.getByRole("alert").count()).toBe(0);
    await form.getByRole("button", { name: "Legg til mal" }).click();
    await expect.poll(() => section.getByText("Pristilbud", { exact: true }).count()).toBe(1);
    await page.screenshot({ path: "/tmp/shots/settings-templates.png", fullPage: true });

    const listed = await (await api("/api/ws/templates")).json();
    expect(listed.data.map((template: { name: string }) => template.name)).toContain("Pristilbud");
  });
});
