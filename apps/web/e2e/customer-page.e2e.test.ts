import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { WebhookReceiver } from "@minbil/api/testing/webhook-receiver";
import { launchChromium, signIn, waitForHydration } from "./support/browser";
import { api } from "./support/api";
import { gradientPng } from "./support/png";

// The customer's side: Kari sends an estimate with two lines and a photo; the customer opens the link
// on a phone in another browser, approves one line and declines the other; Kari sees both answers live
// with the approved total, and a partner's webhook receives estimate.decided. Then the link is ended,
// and it shows the same neutral page as a wrong one.

let browser: Browser;
let kari: Page;
let phone: BrowserContext;
let receiver: WebhookReceiver;
let webhookId: string;
let secret: string;
let bookingId: number;

beforeAll(async () => {
  browser = await launchChromium();
  const staffContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "nb-NO" });
  await staffContext.grantPermissions(["clipboard-read", "clipboard-write"]);
  kari = await staffContext.newPage();
  phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "nb-NO" });
  receiver = new WebhookReceiver();
  await receiver.start();
  const created = await api("/api/ws/webhooks", {
    method: "POST",
    body: JSON.stringify({ url: receiver.url, description: "Estimates", event_types: ["estimate.decided"] }),
  });
  expect(created.status).toBe(201);
  ({ id: webhookId, secret } = (await created.json()).data as { id: string; secret: string });
  // An open thread: the customer's answers keep it open, so the done threads other tests use stay done.
  const open = (await (await api("/api/ws/messages?state=open&limit=1")).json()) as { data: { booking_id: number }[] };
  bookingId = open.data[0]!.booking_id;
  await signIn(kari, "kari@nordlys-bil.no");
});
afterAll(async () => {
  if (webhookId) await api(`/api/ws/webhooks/${webhookId}`, { method: "DELETE" });
  await receiver?.stop();
  await browser?.close();
});

async function customerLink(): Promise<string> {
  await kari.getByTestId("booking-panel").getByRole("button", { name: "Kopier lenke" }).click();
  const field = kari.getByTestId("booking-panel").getByTestId("customer-link-url");
  await field.waitFor();
  return field.inputValue();
}

describe("the customer's page", () => {
  it("takes the customer's answers to an estimate, and the workshop sees them live", async () => {
    await kari.goto(`${inject("baseUrl")}/inbox/${bookingId}`);
    await waitForHydration(kari, "#composer");

    // Kari writes the estimate.
    await kari.getByTestId("estimate-button").click();
    const dialog = kari.getByTestId("estimate-dialog");
    await dialog.waitFor();
    await dialog.getByLabel("Beskrivelse").fill("Nye bremseklosser foran");
    await dialog.getByLabel("Pris (kr inkl. mva.)").fill("2 490");
    await dialog.getByLabel("Bilde").setInputFiles({ name: "klosser.png", mimeType: "image/png", buffer: gradientPng() });
    await dialog.getByRole("button", { name: /Legg til linje/ }).click();
    await dialog.getByLabel("Beskrivelse").nth(1).fill("Nye vindusviskere");
    await dialog.getByLabel("Pris (kr inkl. mva.)").nth(1).fill("349,50");
    await dialog.getByLabel("Melding til kunden").fill("Klossene foran er nede på 2 mm.");
    await dialog.getByRole("button", { name: "Send overslaget" }).click();
    await dialog.waitFor({ state: "detached" });
    const summary = kari.getByTestId("estimate-summary").last();
    await summary.waitFor();
    expect(
      await summary.getByTestId("estimate-line").evaluateAll((lines) => lines.map((line) => line.getAttribute("data-decision"))),
    ).toEqual(["open", "open"]);

    // A note is never the customer's to see.
    const note = await api("/api/ws/messages", {
      method: "POST",
      body: JSON.stringify({ booking_id: bookingId, body: "Intern: kunden har klaget på prisen før", visibility: "internal" }),
    });
    expect(note.status).toBe(201);

    // The customer, on a phone.
    const url = await customerLink();
    expect(url).toMatch(new RegExp(`^${inject("baseUrl")}/c/[A-Za-z0-9_-]{43}$`));
    const customer = await phone.newPage();
    await customer.goto(url);
    await waitForHydration(customer, "#customer-reply");
    expect(await customer.textContent("body")).not.toContain("kunden har klaget");
    const estimate = customer.getByTestId("estimate").last();
    await estimate.waitFor();
    expect(await estimate.textContent()).toContain("Klossene foran er nede på 2 mm.");
    // The line's photo is shown from the customer's own link.
    await expect.poll(() => estimate.locator("img").evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(96);
    const [brakes, wipers] = [estimate.getByTestId("estimate-line").nth(0), estimate.getByTestId("estimate-line").nth(1)];
    await brakes.getByRole("radio", { name: "Godkjenn" }).tap();
    await wipers.getByRole("radio", { name: "Avslå" }).tap();
    await estimate.getByRole("button", { name: "Send svaret (2 linjer)" }).tap();
    await expect.poll(() => estimate.getByTestId("approved-total").textContent()).toMatch(/2\s490/);
    expect(await estimate.getByRole("radio").count()).toBe(0);

    // Kari sees both answers, live, and the approved total beside the thread.
    await expect
      .poll(() => summary.getByTestId("estimate-line").evaluateAll((lines) => lines.map((line) => line.getAttribute("data-decision"))), {
        timeout: 5_000,
      })
      .toEqual(["approved", "declined"]);
    expect(await kari.getByTestId("booking-panel").getByTestId("booking-approved-total").textContent()).toMatch(/2\s490/);

    // The partner's webhook got the decision, signed.
    await expect.poll(() => receiver.received.length, { timeout: 5_000 }).toBeGreaterThan(0);
    const event = new Webhook(secret).verify(receiver.received[0]!.body, receiver.received[0]!.headers as Record<string, string>) as {
      type: string;
      data: { data: { booking_id: number; estimate: { approved_total_nok: number } } };
    };
    expect(event.type).toBe("estimate.decided");
    expect(event.data.data).toMatchObject({ booking_id: bookingId, estimate: { approved_total_nok: 2490 } });
    await customer.close();
  });

  it("lets the customer reply with a photo, and the reply is live in the inbox", async () => {
    const url = await customerLink();
    const customer = await phone.newPage();
    await customer.goto(url);
    await waitForHydration(customer, "#customer-reply");
    await customer.locator("#customer-reply").fill("Takk, bare sett i gang!");
    await customer.locator("#customer-photos").setInputFiles({ name: "bil.png", mimeType: "image/png", buffer: gradientPng() });
    await customer.getByRole("button", { name: "Send", exact: true }).tap();
    await customer.getByTestId("customer-message").filter({ hasText: "Takk, bare sett i gang!" }).waitFor();
    await kari.getByTestId("message").filter({ hasText: "Takk, bare sett i gang!" }).waitFor({ timeout: 5_000 });
    await customer.close();
  });

  it("shows one neutral page for a wrong link and for an ended one", async () => {
    const url = await customerLink();
    await kari.getByTestId("booking-panel").getByRole("button", { name: "Avslutt lenken" }).click();
    await kari.getByText("Lenken virker ikke lenger").first().waitFor();
    const customer = await phone.newPage();
    const ended = await customer.goto(url);
    expect(ended?.status()).toBe(404);
    const endedText = await customer.getByTestId("link-not-available").textContent();
    const wrong = await customer.goto(`${inject("baseUrl")}/c/${"A".repeat(43)}`);
    expect(wrong?.status()).toBe(404);
    expect(await customer.getByTestId("link-not-available").textContent()).toBe(endedText);
    expect(endedText).toContain("Lenken virker ikke");
    await customer.close();
  });
});
