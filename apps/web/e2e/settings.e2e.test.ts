import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchChromium, signIn } from "./support/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

const listWith = (token: string) => fetch(`${inject("baseUrl")}/api/ws/messages`, { headers: { Authorization: `Bearer ${token}` } });

describe("settings", () => {
  it("let an owner create an API token, shown once, that works until it is revoked", async () => {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, "kari@nordlys-bil.no");
    await page.getByRole("link", { name: "Innstillinger" }).click();
    await page.getByPlaceholder("Navn på nøkkelen").fill("Regnskapssystem");
    await page.getByRole("button", { name: "Lag nøkkel" }).click();
    const secret = (await page.getByTestId("new-token").textContent())!;
    expect(secret).toMatch(/^mbw_/);
    expect((await listWith(secret)).status).toBe(200);
    const row = page.locator("tr", { hasText: "Regnskapssystem" });
    await row.getByRole("button", { name: "Trekk tilbake" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Trekk tilbake" }).click();
    await expect.poll(() => row.textContent()).toContain("Trukket tilbake");
    expect((await listWith(secret)).status).toBe(401);
  });

  it("are closed to staff who are not owners", async () => {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, "per@nordlys-bil.no");
    expect(await page.getByRole("link", { name: "Innstillinger" }).count()).toBe(0);
    await page.goto(`${inject("baseUrl")}/settings`);
    await expect.poll(() => page.getByText("Bare eiere").count()).toBe(1);
  });
});
