import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium, signIn } from "./support/browser";
import { api } from "./support/api";
import { axeViolations, blocking, type Violation } from "./support/axe";
import { WebhookReceiver } from "@minbil/api/testing/webhook-receiver";

// axe-core over every screen staff use, on a phone and on a laptop, signed in as the owner.

let browser: Browser;
let receiver: WebhookReceiver;
beforeAll(async () => {
  browser = await launchChromium();
  receiver = new WebhookReceiver();
  await receiver.start();
});
afterAll(async () => {
  await receiver?.stop();
  await browser?.close();
});

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

  it("the settings page's webhooks, with a delivery log open", async () => {
    await page.goto(`${inject("baseUrl")}/settings`);
    const form = page.getByRole("form", { name: "Legg til webhook" });
    await form.waitFor();
    // An endpoint whose test event failed once (status and body in the log), then succeeded; shown with its secret.
    const description = `Tilgjengelighet ${viewport.width}`;
    await form.getByPlaceholder("Adresse").fill(receiver.url);
    await form.getByPlaceholder("Beskrivelse").fill(description);
    // One event type nothing here causes, so the receiver's planned answer goes to the test event.
    await form.getByRole("checkbox", { name: /Samtale merket som ulest/ }).check();
    await form.getByRole("button", { name: "Legg til webhook" }).click();
    await page.getByTestId("webhook-secret").waitFor();
    const card = page.getByTestId("webhook").filter({ hasText: description });
    receiver.answer({ status: 500, body: "Feil hos mottakeren ".repeat(20) });
    await card.getByRole("button", { name: "Send testhendelse" }).click();
    const delivery = card.getByTestId("delivery").first();
    await expect.poll(() => delivery.getByTestId("delivery-status").textContent(), { timeout: 15_000 }).toBe("Levert");
    await delivery.getByRole("button", { name: /Vis alle/ }).click();
    await delivery.getByRole("button", { name: "Vis hele svaret" }).click();
    // A second endpoint that cannot be reached, turned off: the failing warning and the reason.
    const closed = new WebhookReceiver();
    await closed.start();
    await closed.stop();
    await form.getByPlaceholder("Adresse").fill(closed.url);
    await form.getByPlaceholder("Beskrivelse").fill(`${description} (av)`);
    await form.getByRole("button", { name: "Legg til webhook" }).click();
    const off = page.getByTestId("webhook").filter({ hasText: `${description} (av)` });
    await off.getByRole("button", { name: "Send testhendelse" }).click();
    await expect.poll(() => off.getByTestId("webhook-state").textContent(), { timeout: 15_000 }).toContain("Feiler siden");
    await off.getByRole("button", { name: "Slå av" }).click();
    await expect.poll(() => off.getByTestId("webhook-state").textContent()).toContain("Slått av av dere.");

    await expectAccessible(page, "settings with webhooks");

    // Later tests' events need not go to receivers that are gone.
    const endpoints = (await (await api("/api/ws/webhooks")).json()).data as { id: string; description: string }[];
    for (const endpoint of endpoints.filter((row) => row.description.startsWith(description))) {
      expect((await api(`/api/ws/webhooks/${endpoint.id}`, { method: "DELETE" })).status).toBe(200);
    }
  });

  it("the account page", async () => {
    await page.goto(`${inject("baseUrl")}/account`);
    await page.getByRole("button", { name: "Logg ut overalt" }).waitFor();
    await expectAccessible(page, "account");
  });
});
