import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium, signIn, waitForHydration } from "./support/browser";
import { api, customerWrites } from "./support/api";

// A day at the service desk of Nordlys Bil, with Kari and Per side by side in two browsers.

interface ThreadRow {
  booking_id: number;
  booking: { status: string; vehicle: { registration_number: string } };
  state: string;
  unread_count: number;
  assignee: { id: string; name: string } | null;
  customer: { name: string };
}

let browser: Browser;
let kari: Page;
let per: Page;
let perId: string;
beforeAll(async () => {
  browser = await launchChromium();
  const newPage = async () => (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "nb-NO" })).newPage();
  [kari, per] = await Promise.all([newPage(), newPage()]);
  await signIn(kari, "kari@nordlys-bil.no");
  await signIn(per, "per@nordlys-bil.no");
  const staff = (await (await api("/api/ws/staff")).json()) as { data: { id: string; name: string }[] };
  perId = staff.data.find((member) => member.name.startsWith("Per"))!.id;
});
afterAll(() => browser?.close());

async function threads(query: string): Promise<ThreadRow[]> {
  const res = await api(`/api/ws/messages?limit=50&${query}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: ThreadRow[] }).data;
}
const row = (page: Page, bookingId: number) => page.getByTestId(`thread-${bookingId}`);
async function openThread(page: Page, bookingId: number) {
  await page.goto(`${inject("baseUrl")}/inbox/${bookingId}`);
  await waitForHydration(page, "#composer");
}

describe("the service desk", () => {
  it("Kari assigns a thread to Per, and Per sees it under Mine at once, with a notification", async () => {
    const [thread] = await threads("state=open&assignee=none");
    const id = thread!.booking_id;
    await per.getByRole("button", { name: "Mine", exact: true }).click();
    await expect.poll(() => per.getByRole("button", { name: "Mine", exact: true }).getAttribute("aria-pressed")).toBe("true");
    expect(await row(per, id).count()).toBe(0);

    await openThread(kari, id);
    await kari.getByTestId("assignee").selectOption(perId);

    // The list does not jump under Per's eyes: it says there is something new, and shows it on request.
    const newer = per.getByRole("button", { name: /Ny aktivitet/ });
    await newer.waitFor({ timeout: 5_000 });
    await newer.click();
    await row(per, id).waitFor();
    expect(await row(per, id).getByTestId("thread-assignee").textContent()).toContain("Per");
    const toast = per.getByTestId("notification");
    await expect.poll(() => toast.getAttribute("data-kind"), { timeout: 5_000 }).toBe("assignment");
    expect(await toast.textContent()).toContain("Kari Nordmann ga deg en samtale");
    // The REST answer says the same.
    const [assigned] = await threads(`assignee=${perId}&q=${encodeURIComponent(thread!.customer.name)}`);
    expect(assigned?.assignee).toEqual({ id: perId, name: "Per Hansen" });
  });

  it("Per writes a note naming Kari, and Kari is notified", async () => {
    const [thread] = await threads(`assignee=${perId}`);
    await kari.goto(`${inject("baseUrl")}/inbox`);
    await waitForHydration(kari, "header select");
    await openThread(per, thread!.booking_id);
    await per.getByTestId("composer-mode-note").click();
    await per.getByTestId("composer-text").pressSequentially("@Ka");
    await per.getByTestId("mention-list").waitFor();
    await per.getByTestId("composer-text").press("Enter");
    await per.getByTestId("composer-text").pressSequentially("kan du ringe kunden om prisen?");
    await per.getByTestId("composer-text").press("Enter");

    const toast = kari.getByTestId("notification");
    await expect.poll(() => toast.getAttribute("data-kind"), { timeout: 5_000 }).toBe("mention");
    expect(await toast.textContent()).toContain("Per Hansen nevnte deg");
    expect(await toast.textContent()).toContain("kan du ringe kunden om prisen?");
    // Kept from the customer: the note is marked internal in the API.
    const messages = (await (await api(`/api/ws/messages/thread/${thread!.booking_id}`)).json()) as {
      data: { messages: { body: string; visibility: string }[] };
    };
    expect(messages.data.messages.find((message) => message.body.includes("ringe kunden om prisen"))?.visibility).toBe("internal");
  });

  it("a customer's message reopens a done thread, live in the list of open threads", async () => {
    const [done] = await threads("state=done");
    const id = done!.booking_id;
    await kari.goto(`${inject("baseUrl")}/inbox`);
    await waitForHydration(kari, "header select");
    expect(await row(kari, id).count()).toBe(0);
    await customerWrites(id, "Jeg glemte å spørre: kan dere se på vindusviskerne også?");
    const newer = kari.getByRole("button", { name: /Ny aktivitet/ });
    await newer.waitFor({ timeout: 5_000 });
    await newer.click();
    await row(kari, id).waitFor();
    expect(await row(kari, id).textContent()).toContain("vindusviskerne");
    expect((await threads(`q=${encodeURIComponent(done!.customer.name)}`))[0]?.state).toBe("open");
  });

  it("a snoozed thread comes back by itself when the time is up", async () => {
    const [open] = await threads("state=open");
    const id = open!.booking_id;
    await kari.goto(`${inject("baseUrl")}/inbox`);
    await row(kari, id).waitFor();
    const res = await api(`/api/ws/messages/thread/${id}`, {
      method: "PATCH",
      body: JSON.stringify({ state: "snoozed", snoozed_until: new Date(Date.now() + 3_000).toISOString() }),
    });
    expect(res.status).toBe(200);
    await expect.poll(() => row(kari, id).count(), { timeout: 5_000 }).toBe(0);
    // The server wakes snoozes every 5 s, also with nobody watching.
    await row(kari, id).waitFor({ timeout: 12_000 });
    expect((await threads(`q=${encodeURIComponent(open!.customer.name)}`)).find((t) => t.booking_id === id)?.state).toBe("open");
  });

  it("a reply is written and sent with the keyboard only", async () => {
    await kari.goto(`${inject("baseUrl")}/inbox`);
    await waitForHydration(kari, "header select");
    const first = (await threads("state=open"))[0]!.booking_id;
    // "j" moves through the list the page shows: wait until it shows (on a busy machine it came later
    // than the header, and the key went nowhere).
    await row(kari, first).waitFor();
    await kari.keyboard.press("j");
    await kari.waitForURL(`**/inbox/${first}`);
    await waitForHydration(kari, "#composer");
    await kari.keyboard.press("r");
    await expect.poll(() => kari.evaluate(() => document.activeElement?.id)).toBe("composer");
    await kari.keyboard.type("Hei! Bilen er ferdig i morgen formiddag.");
    await kari.keyboard.press("Enter");
    const sent = kari.getByTestId("message").filter({ hasText: "Bilen er ferdig i morgen formiddag." });
    await expect.poll(() => sent.count()).toBe(1);
    await expect.poll(() => sent.getAttribute("data-pending")).toBeNull();
  });

  it("Per reading a thread leaves it unread for Kari", async () => {
    const [thread] = await threads("state=open");
    const id = thread!.booking_id;
    await kari.goto(`${inject("baseUrl")}/inbox`);
    await per.goto(`${inject("baseUrl")}/inbox`);
    await customerWrites(id, "Har dere fått delene?");
    await row(kari, id).getByTestId("unread-badge").waitFor({ timeout: 5_000 });
    await row(per, id).getByTestId("unread-badge").waitFor({ timeout: 5_000 });

    await openThread(per, id);
    await expect.poll(() => row(per, id).getByTestId("unread-badge").count(), { timeout: 5_000 }).toBe(0);
    await kari.waitForTimeout(1_500);
    expect(await row(kari, id).getByTestId("unread-badge").count()).toBe(1);
    await kari.reload();
    await row(kari, id).getByTestId("unread-badge").waitFor();
  });

  it('a template fills in the booking, and sending "Bilen er klar" makes the booking ready for pickup', async () => {
    const candidates = await threads("state=open");
    const thread = candidates.find((candidate) => candidate.booking.status !== "ready_for_pickup")!;
    const id = thread.booking_id;
    const plate = thread.booking.vehicle.registration_number;
    const firstName = thread.customer.name.split(" ")[0]!;
    await openThread(kari, id);
    await kari.getByRole("button", { name: "Maler", exact: true }).click();
    await kari.getByRole("menuitem", { name: /Bilen er klar/ }).click();
    const composer = kari.getByTestId("composer-text");
    const text = await composer.inputValue();
    expect(text).toContain(`Hei ${firstName}!`);
    expect(text).toContain(plate);
    expect(text).toContain("Nordlys Bil");
    expect(text).not.toMatch(/\{\w+\}/);
    expect(await kari.getByTestId("template-status").textContent()).toContain("Klar til henting");
    // The text can be edited before it is sent.
    await composer.press("End");
    await composer.pressSequentially(" Vi har åpent til 17.");
    await composer.press("Enter");

    await expect.poll(() => kari.getByTestId("booking-status").inputValue(), { timeout: 5_000 }).toBe("ready_for_pickup");
    const sent = kari.getByTestId("message").filter({ hasText: "Vi har åpent til 17." });
    await expect.poll(() => sent.count()).toBe(1);
    await expect
      .poll(() =>
        kari.locator("[data-testid=message][data-kind=event]").filter({ hasText: "endret status til «klar for henting»" }).count(),
      )
      .toBe(1);
    const after = (await (await api(`/api/ws/messages/thread/${id}`)).json()) as { data: { booking: { status: string } } };
    expect(after.data.booking.status).toBe("ready_for_pickup");
  });

  it("typing / lists the templates by name, and Enter inserts one", async () => {
    const [thread] = await threads("state=open");
    await openThread(kari, thread!.booking_id);
    const composer = kari.getByTestId("composer-text");
    await composer.pressSequentially("/bekr");
    // The list comes from the server: Enter picks from it once it is there.
    await expect
      .poll(() =>
        kari
          .getByRole("option")
          .filter({ hasText: /Bekreftelse/ })
          .count(),
      )
      .toBe(1);
    await composer.press("Enter");
    const text = await composer.inputValue();
    expect(text).toMatch(/^Hei .+! Vi bekrefter timen din/);
    expect(await kari.getByTestId("template-status").count()).toBe(0);
    await composer.fill("");
  });

  it("inserts a template's English text for a customer who writes English", async () => {
    const [thread] = await threads("state=open");
    await openThread(kari, thread!.booking_id);
    await kari.getByRole("button", { name: "Maler", exact: true }).click();
    await kari.getByRole("menuitemradio", { name: /English/ }).click();
    await expect.poll(() => kari.getByRole("menuitemradio", { name: /English/ }).getAttribute("aria-checked")).toBe("true");
    await kari.getByRole("menuitem", { name: /Bekreftelse av time/ }).click();
    expect(await kari.getByTestId("composer-text").inputValue()).toMatch(/^Hi .+! We confirm your appointment/);
    await kari.getByTestId("composer-text").fill("");
  });
});
