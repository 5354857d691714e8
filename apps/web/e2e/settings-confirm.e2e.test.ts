import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium, signIn } from "./support/browser";

// Settings on a phone: everything fits, and what cannot be undone is asked about first.

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "nb-NO" })).newPage();
  await signIn(page, "kari@nordlys-bil.no");
  await page.goto(`${inject("baseUrl")}/settings`);
  await page.getByRole("button", { name: "Lag nøkkel" }).waitFor();
});
afterAll(() => browser?.close());

const works = async (secret: string) =>
  (await fetch(`${inject("baseUrl")}/api/ws/messages`, { headers: { Authorization: `Bearer ${secret}` } })).status === 200;
const focusedText = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? "");
const focusedIsBody = () => page.evaluate(() => document.activeElement === document.body);

describe("settings on a 360 px phone", () => {
  it("fit the screen: no button is cut off or outside its card", async () => {
    await page.getByPlaceholder("Navn på nøkkelen").fill("Telefonbredde");
    await page.getByRole("button", { name: "Lag nøkkel" }).click();
    await page.getByTestId("new-token").waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const outside = await page.evaluate(() =>
      [...document.querySelectorAll("main section button")].flatMap((button) => {
        if (button.closest("dialog")) return [];
        const box = button.getBoundingClientRect();
        const card = button.closest("section")!.getBoundingClientRect();
        const clipped = button.closest(".overflow-x-auto, .overflow-hidden");
        const inside = box.left >= card.left && box.right <= card.right && box.right <= window.innerWidth;
        return inside && !(clipped && clipped.scrollWidth > clipped.clientWidth) ? [] : [button.textContent];
      }),
    );
    expect(outside).toEqual([]);
    await page.screenshot({ path: "/tmp/shots/settings-360-tokens.png", fullPage: true });
  });

  it("ask before revoking a token; Cancel and Escape change nothing", async () => {
    const shown = await page.getByTestId("new-token").textContent();
    await page.getByPlaceholder("Navn på nøkkelen").fill("Verkstedsystem");
    await page.getByRole("button", { name: "Lag nøkkel" }).click();
    await expect.poll(() => page.getByTestId("new-token").textContent()).not.toBe(shown);
    const secret = (await page.getByTestId("new-token").textContent())!;
    const row = page.locator("tr", { hasText: "Verkstedsystem" });
    const revoke = row.getByRole("button", { name: "Trekk tilbake" });
    const dialog = page.getByRole("alertdialog", { name: /Verkstedsystem/ });

    await revoke.click();
    await dialog.waitFor();
    expect(await focusedText()).toBe("Avbryt");
    await page.screenshot({ path: "/tmp/shots/settings-360-confirm.png" });
    await dialog.getByRole("button", { name: "Avbryt" }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await focusedText()).toBe("Trekk tilbake");
    expect(await works(secret)).toBe(true);

    await revoke.click();
    await dialog.waitFor();
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await revoke.count()).toBe(1);
    expect(await works(secret)).toBe(true);

    await revoke.click();
    await dialog.getByRole("button", { name: "Trekk tilbake" }).click();
    await expect.poll(() => row.textContent()).toContain("Trukket tilbake");
    expect(await works(secret)).toBe(false);
    // Focus stays in the row, on what replaced the button.
    await expect.poll(focusedText).toBe("Trukket tilbake");
  });

  it("ask before disabling a staff member; Cancel and Escape change nothing", async () => {
    const email = `vikar-${Date.now()}@nordlys-bil.no`;
    const form = page.getByRole("form", { name: "Legg til ansatt" });
    await form.getByPlaceholder("Navn", { exact: true }).fill("Vera Vikar");
    await form.getByPlaceholder("E-post").fill(email);
    await form.getByPlaceholder("Passord (minst 10 tegn)").fill("et-langt-passord");
    await form.getByRole("button", { name: "Legg til ansatt" }).click();
    const member = page.getByRole("listitem").filter({ hasText: email });
    await member.waitFor();
    const dialog = page.getByRole("alertdialog", { name: /Vera Vikar/ });

    await member.getByRole("button", { name: "Deaktiver" }).click();
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Avbryt" }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await member.getByRole("button", { name: "Deaktiver" }).click();
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.count()).toBe(0);
    await page.reload();
    expect(await member.getByRole("button", { name: "Deaktiver" }).count()).toBe(1);

    await member.getByRole("button", { name: "Deaktiver" }).click();
    await dialog.getByRole("button", { name: "Deaktiver" }).click();
    await expect.poll(() => member.getByRole("button", { name: "Aktiver" }).count()).toBe(1);
    expect(await focusedIsBody()).toBe(false);
    await expect.poll(focusedText).toBe("Aktiver");
  });

  it("say in Norwegian that the e-mail is taken, not the server's English", async () => {
    const form = page.getByRole("form", { name: "Legg til ansatt" });
    await form.getByPlaceholder("Navn", { exact: true }).fill("Kari igjen");
    await form.getByPlaceholder("E-post").fill("kari@nordlys-bil.no");
    await form.getByPlaceholder("Passord (minst 10 tegn)").fill("et-langt-passord");
    await form.getByRole("button", { name: "Legg til ansatt" }).click();
    const alert = form.getByRole("alert");
    await expect.poll(() => alert.textContent()).toBe("Det finnes allerede en bruker med denne e-postadressen.");
  });
});
