import { mkdir } from "node:fs/promises";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { WebhookReceiver } from "@minbil/api/testing/webhook-receiver";
import { launchChromium, signIn } from "./support/browser";
import { api } from "./support/api";

// Webhooks in Settings, as an owner on a 360 px phone: add one (the secret shown once), watch test
// events succeed and fail in the delivery log, redeliver, page back, rotate the secret, turn it off
// (and see the receiver turn it off), delete it. Plain staff never see the section.

let browser: Browser;
let receiver: WebhookReceiver;
beforeAll(async () => {
  browser = await launchChromium();
  receiver = new WebhookReceiver();
  await receiver.start();
  await mkdir("/tmp/shots", { recursive: true });
});
afterAll(async () => {
  await receiver?.stop();
  await browser?.close();
});

const focused = (page: Page) =>
  page.evaluate(() => ({
    text: document.activeElement?.textContent?.trim() ?? "",
    role: document.activeElement?.getAttribute("role") ?? null,
    tag: document.activeElement?.tagName ?? "",
  }));
const webhookId = (index: number) => String(receiver.received[index]!.headers["webhook-id"]);
const delivery = (card: Locator, id: string) => card.locator(`[data-delivery-id="${id}"]`);
const statusOf = (item: Locator) => item.getByTestId("delivery-status").textContent();

/** Every button of a section inside its card and the screen; nothing wider than the page. */
async function fitsTheScreen(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(page.viewportSize()!.width);
  const outside = await page.evaluate(() =>
    [...document.querySelectorAll("main section button")].flatMap((button) => {
      if (button.closest("dialog")) return [];
      const box = button.getBoundingClientRect();
      const card = button.closest("section")!.getBoundingClientRect();
      return box.left >= card.left && box.right <= card.right && box.right <= window.innerWidth ? [] : [button.textContent];
    }),
  );
  expect(outside).toEqual([]);
}

/** The whole page in one picture: the viewport grows to what <main> scrolls (it, not the page, is the scroller). */
async function screenshot(page: Page, name: string) {
  const viewport = page.viewportSize()!;
  const height = await page.evaluate(() => {
    const main = document.querySelector("main")!;
    return main.getBoundingClientRect().top + main.scrollHeight;
  });
  await page.setViewportSize({ width: viewport.width, height: Math.ceil(height) });
  await page.screenshot({ path: `/tmp/shots/${name}.png` });
  await page.setViewportSize(viewport);
}

describe("webhooks in settings", () => {
  it("let an owner add a webhook, see its secret once, follow deliveries, redeliver, rotate, turn it off and delete it", async () => {
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      locale: "nb-NO",
      permissions: ["clipboard-read", "clipboard-write"],
    });
    const page = await context.newPage();
    await signIn(page, "kari@nordlys-bil.no");
    await page.goto(`${inject("baseUrl")}/settings`);
    const section = page.locator("section", { has: page.getByRole("heading", { name: "Webhooks", level: 2 }) });
    await section.waitFor();

    // A URL the API refuses (credentials in it): said in Norwegian, not the server's English.
    const form = page.getByRole("form", { name: "Legg til webhook" });
    await form.getByPlaceholder("Adresse").fill("https://bruker:passord@example.no/hooks");
    await form.getByRole("button", { name: "Legg til webhook" }).click();
    await expect.poll(() => form.getByRole("alert").textContent()).toMatch(/^Adressen kan ikke brukes\./);

    // Add: URL, description, one event type.
    await form.getByPlaceholder("Adresse").fill(receiver.url);
    await form.getByPlaceholder("Beskrivelse").fill("Verkstedsystemet");
    await form.getByRole("checkbox", { name: /Ny melding/ }).check();
    await form.getByRole("button", { name: "Legg til webhook" }).click();

    // The secret, once, focused, with a copy button and what it is for.
    const secretBox = page.getByRole("group", { name: `Signeringshemmelighet for ${receiver.url}` });
    await secretBox.waitFor();
    const secret = (await secretBox.getByTestId("webhook-secret").textContent())!;
    expect(secret).toMatch(/^whsec_/);
    expect(await secretBox.textContent()).toContain("den vises ikke igjen");
    expect(await secretBox.textContent()).toContain("webhook-signature");
    expect((await focused(page)).role).toBe("group");
    await secretBox.getByRole("button", { name: "Kopier" }).click();
    await expect.poll(() => secretBox.getByRole("status").textContent()).toBe("Kopiert");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    expect(await form.getByPlaceholder("Adresse").inputValue()).toBe("");
    expect(await form.getByRole("alert").count()).toBe(0);

    const card = page.getByTestId("webhook").filter({ hasText: receiver.url });
    expect(await card.getByTestId("webhook-state").textContent()).toContain("På");
    expect(await card.textContent()).toContain("Hendelser: Ny melding");
    expect(await card.textContent()).toContain("Verkstedsystemet");

    // Shown once: not after a reload.
    await page.reload();
    await card.waitFor();
    expect(await page.getByTestId("webhook-secret").count()).toBe(0);
    expect(await page.content()).not.toContain(secret);

    // A test event: it arrives signed with that secret and shows as succeeded, with its attempt.
    await card.getByRole("button", { name: "Send testhendelse" }).click();
    await expect.poll(() => receiver.received.length, { timeout: 10_000 }).toBe(1);
    const testId = webhookId(0);
    const payload = new Webhook(secret).verify(receiver.received[0]!.body, receiver.received[0]!.headers as Record<string, string>);
    expect(payload).toMatchObject({ type: "webhook.test" });
    const first = delivery(card, testId);
    await expect.poll(() => statusOf(first), { timeout: 10_000 }).toBe("Levert");
    expect(await first.textContent()).toContain("webhook.test");
    expect(await first.textContent()).toContain(testId);
    expect(await first.getByTestId("attempt-status").allTextContents()).toEqual(["HTTP 204"]);

    // The receiver answers 500 to every attempt of the next one: each attempt is in the log with its
    // status and body, the endpoint is flagged as failing, and the delivery ends as failed.
    const failure = { status: 500, body: "Midlertidig feil i mottaket" };
    receiver.answer(failure, failure, failure, failure, failure, failure);
    await card.getByRole("button", { name: "Send testhendelse" }).click();
    await expect.poll(() => receiver.received.length, { timeout: 10_000 }).toBe(2);
    const failedId = webhookId(1);
    const failed = delivery(card, failedId);
    await expect.poll(() => failed.getByTestId("attempt-status").first().textContent(), { timeout: 10_000 }).toBe("HTTP 500");
    expect(await failed.getByTestId("response-body").first().textContent()).toBe("Midlertidig feil i mottaket");
    await expect.poll(() => card.getByTestId("webhook-state").textContent(), { timeout: 10_000 }).toContain("Feiler siden");
    await expect.poll(() => statusOf(failed), { timeout: 30_000 }).toBe("Feilet");
    // The newest attempt shows; the earlier ones on request.
    expect(await failed.getByTestId("attempt").filter({ visible: true }).count()).toBe(1);
    await failed.getByRole("button", { name: "Vis alle 6 forsøk" }).click();
    expect(await failed.getByTestId("attempt-status").allTextContents()).toEqual(Array(6).fill("HTTP 500"));
    expect(await failed.getByTestId("response-body").allTextContents()).toEqual(Array(6).fill(failure.body));
    await screenshot(page, "webhooks-360-failed");

    // Redeliver: sent again with the same webhook-id, and it succeeds; the failing flag goes.
    const redeliver = failed.getByRole("button", { name: "Send på nytt" });
    await redeliver.click();
    await expect.poll(() => statusOf(failed), { timeout: 10_000 }).toBe("Levert");
    expect(receiver.byId(failedId)).toHaveLength(7);
    expect(await failed.getByTestId("attempt-status").allTextContents()).toEqual(["HTTP 204", ...Array(6).fill("HTTP 500")]);
    expect((await focused(page)).text).toBe("Send på nytt");
    await expect.poll(() => card.getByTestId("webhook-state").textContent(), { timeout: 10_000 }).not.toContain("Feiler siden");

    // Ten more deliveries: the log shows the newest ten, and "Vis flere" the rest, with focus on the first of them.
    const [endpoint] = ((await (await api("/api/ws/webhooks")).json()).data as { id: string; url: string }[]).filter(
      (row) => row.url === receiver.url,
    );
    for (let i = 0; i < 10; i++)
      expect((await api(`/api/ws/webhooks/${endpoint!.id}/test`, { method: "POST", body: "{}" })).status).toBe(202);
    await expect.poll(() => receiver.received.length, { timeout: 10_000 }).toBe(18);
    await page.reload();
    await card.getByRole("button", { name: "Vis leveranselogg" }).click();
    await expect.poll(() => card.getByTestId("delivery").count()).toBe(10);
    await card.getByRole("button", { name: "Vis flere" }).click();
    await expect.poll(() => card.getByTestId("delivery").count()).toBe(12);
    expect(await card.getByRole("button", { name: "Vis flere" }).count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-delivery-id"))).toBe(
      await card.getByTestId("delivery").nth(10).getAttribute("data-delivery-id"),
    );
    expect(await card.getByTestId("delivery").last().getAttribute("data-delivery-id")).toBe(testId);

    await fitsTheScreen(page);
    await screenshot(page, "webhooks-360");
    await page.setViewportSize({ width: 1280, height: 800 });
    await fitsTheScreen(page);
    await screenshot(page, "webhooks-1280");
    await page.setViewportSize({ width: 360, height: 740 });

    // Rotate: asked first; the new secret once, and the old one still signs for 24 hours.
    await card.getByRole("button", { name: "Bytt hemmelighet" }).click();
    const rotateDialog = page.getByRole("alertdialog", { name: /Bytte hemmeligheten/ });
    await rotateDialog.waitFor();
    expect((await focused(page)).text).toBe("Avbryt");
    await rotateDialog.getByRole("button", { name: "Bytt hemmelighet" }).click();
    const rotated = card.getByRole("group", { name: /Signeringshemmelighet/ });
    await rotated.waitFor();
    const newSecret = (await rotated.getByTestId("webhook-secret").textContent())!;
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(secret);
    expect(await rotated.textContent()).toContain("24 timer");
    expect((await focused(page)).role).toBe("group");
    await card.getByRole("button", { name: "Send testhendelse" }).click();
    await expect.poll(() => receiver.received.length, { timeout: 10_000 }).toBe(19);
    const signed = receiver.received[18]!;
    for (const key of [newSecret, secret]) new Webhook(key).verify(signed.body, signed.headers as Record<string, string>);

    // Off: the reason in words, focus stays on the button (now "Slå på"); on again.
    await card.getByRole("button", { name: "Slå av" }).click();
    await expect.poll(() => card.getByTestId("webhook-state").textContent()).toContain("Slått av av dere.");
    expect(await card.getByTestId("webhook-state").textContent()).toContain("Av");
    expect(await card.textContent()).toContain("får den hendelser fra da av");
    await expect.poll(async () => (await focused(page)).text).toBe("Slå på");
    await screenshot(page, "webhooks-360-off");
    await card.getByRole("button", { name: "Slå på" }).click();
    await expect.poll(() => card.getByTestId("webhook-state").textContent()).toBe("På");

    // The receiver answers 410: turned off, and the card says why.
    receiver.answer({ status: 410, body: "gone" });
    await card.getByRole("button", { name: "Send testhendelse" }).click();
    await expect
      .poll(() => card.getByTestId("webhook-state").textContent(), { timeout: 10_000 })
      .toContain("mottakeren svarte at adressen ikke finnes lenger (410)");

    // Delete: asked first (Cancel changes nothing), then gone; focus on the section's heading.
    await card.getByRole("button", { name: "Slett" }).click();
    const deleteDialog = page.getByRole("alertdialog", { name: /Slette webhooken/ });
    await deleteDialog.getByRole("button", { name: "Avbryt" }).click();
    await expect.poll(() => deleteDialog.count()).toBe(0);
    expect((await focused(page)).text).toBe("Slett");
    expect(await card.count()).toBe(1);
    await card.getByRole("button", { name: "Slett" }).click();
    await deleteDialog.getByRole("button", { name: "Slett" }).click();
    await expect.poll(() => card.count()).toBe(0);
    expect(await section.getByRole("status").filter({ hasText: "er slettet" }).textContent()).toBe(
      `Webhooken til ${receiver.url} er slettet.`,
    );
    expect(await focused(page)).toMatchObject({ tag: "H2", text: "Webhooks" });
    expect((await (await api("/api/ws/webhooks")).json()).data.some((row: { url: string }) => row.url === receiver.url)).toBe(false);
    await context.close();
  }, 120_000);

  it("are not shown to staff who are not owners", async () => {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, "per@nordlys-bil.no");
    await page.goto(`${inject("baseUrl")}/settings`);
    await expect.poll(() => page.getByText("Bare eiere").count()).toBe(1);
    expect(await page.getByRole("heading", { name: "Webhooks" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Legg til webhook" }).count()).toBe(0);
  });
});
