import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestServices, type TestServices } from "../testing/test-services";
import { createBookingFixture, createWorkshopFixture } from "../testing/fixtures";
import { createTestHttpApp, fetchApp } from "../testing/test-http";
import { PNG_BYTES } from "../testing/sample-files";
import { osloDate } from "../estimates/oslo-day";

// The customer's side of a thread over HTTP: links issued, reissued and revoked by a partner; the
// customer's page reading the conversation (never a note), writing, recording "seen" and deciding an
// estimate; and one neutral answer for wrong, revoked and expired links. Every answer is checked
// against the OpenAPI document (fetchApp).

let services: TestServices;
let call: ReturnType<typeof fetchApp>;
let nordlys: Awaited<ReturnType<typeof createWorkshopFixture>>;
let fjord: Awaited<ReturnType<typeof createWorkshopFixture>>;

beforeAll(async () => {
  services = await createTestServices();
  call = fetchApp(await createTestHttpApp(services));
  nordlys = await createWorkshopFixture(services.db, "Nordlys Bil");
  fjord = await createWorkshopFixture(services.db, "Fjord Auto");
});
afterAll(() => services?.close());

const bearer = (token = nordlys.token.secret) => ({ Authorization: `Bearer ${token}` });
/** A JSON request with the partner's token. */
const jsonInit = (method: string, body: unknown, token?: string): RequestInit => ({
  method,
  headers: { ...bearer(token), "Content-Type": "application/json" },
  body: JSON.stringify(body),
});
const PAGE = { "X-MinBil-CSRF": "1" };

async function issueLink(bookingId: number, token?: string) {
  const res = await call(`/api/ws/messages/thread/${bookingId}/customer-link`, { method: "POST", headers: bearer(token) });
  return { res, body: await res.json() };
}
const tokenOf = (url: string) => new URL(url).pathname.split("/").at(-1)!;
const page = (token: string, path = "") => call(`/api/customer/${token}${path}`);
const pagePost = (token: string, path: string, body: unknown) =>
  call(`/api/customer/${token}${path}`, {
    method: "POST",
    headers: { ...PAGE, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
const sendAsPartner = (body: Record<string, unknown>, bookingId = nordlys.booking.id) =>
  call("/api/ws/messages", jsonInit("POST", { booking_id: bookingId, ...body }));
const inDays = (days: number) => osloDate(new Date(Date.now() + days * 86_400_000));

describe("customer links", () => {
  it("issues a link under the public URL that opens the booking's page; a new one ends the old", async () => {
    const first = await issueLink(nordlys.booking.id);
    expect(first.res.status).toBe(201);
    expect(first.body.data.url).toMatch(/^http:\/\/localhost:5000\/c\/[A-Za-z0-9_-]{43}$/);
    expect(first.body.data.expires_at).toBeNull();
    const token = tokenOf(first.body.data.url);
    expect((await page(token)).status).toBe(200);

    const second = await issueLink(nordlys.booking.id);
    expect(tokenOf(second.body.data.url)).not.toBe(token);
    expect((await page(token)).status).toBe(404);
    expect((await page(tokenOf(second.body.data.url))).status).toBe(200);
    // Only the hash is stored.
    const rows = await services.db.customerLink.findMany({ where: { bookingId: nordlys.booking.id } });
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("answers a wrong, a revoked and an expired link alike, naming nothing", async () => {
    const booking = await createBookingFixture(services.db, nordlys.workshop.id);
    const revoked = tokenOf((await issueLink(booking.id)).body.data.url);
    expect((await call(`/api/ws/messages/thread/${booking.id}/customer-link`, { method: "DELETE", headers: bearer() })).status).toBe(204);

    const closed = await createBookingFixture(services.db, nordlys.workshop.id);
    const expired = tokenOf((await issueLink(closed.id)).body.data.url);
    await services.db.booking.update({
      where: { id: closed.id },
      data: { status: "COMPLETED", closedAt: new Date(Date.now() - 31 * 86_400_000) },
    });

    const responses = await Promise.all([page("x".repeat(43)), page("short"), page(revoked), page(expired)]);
    const answers = await Promise.all(responses.map(async (res) => [res.status, await res.json()] as const));
    for (const [status, body] of answers) {
      expect(status).toBe(404);
      expect(body).toEqual(answers[0]![1]);
    }
    expect(JSON.stringify(answers[0]![1])).not.toMatch(/booking|revoked|expired \d/i);
  });

  it("keeps a link for 30 days after the booking closes, and says so", async () => {
    const booking = await createBookingFixture(services.db, nordlys.workshop.id);
    const token = tokenOf((await issueLink(booking.id)).body.data.url);
    const patch = await call(`/api/ws/messages/thread/${booking.id}`, jsonInit("PATCH", { booking_status: "completed" }));
    expect(patch.status).toBe(200);
    const view = await (await page(token)).json();
    const days = (Date.parse(view.data.expires_at) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);
  });

  it("does not issue links for another workshop's booking", async () => {
    expect((await issueLink(fjord.booking.id)).res.status).toBe(404);
  });
});

describe("the customer's page", () => {
  it("shows the conversation without internal notes, and files of notes stay closed", async () => {
    const booking = await createBookingFixture(services.db, nordlys.workshop.id, { customerName: "Ingrid Johansen" });
    const token = tokenOf((await issueLink(booking.id)).body.data.url);
    expect((await sendAsPartner({ body: "Bilen er inne nå." }, booking.id)).status).toBe(201);
    const form = new FormData();
    form.append("booking_id", String(booking.id));
    form.append("body", "Kunden er vanskelig, ring før du starter");
    form.append("visibility", "internal");
    form.append("attachments", new Blob([PNG_BYTES], { type: "image/png" }), "intern.png");
    const note = await call("/api/ws/messages", { method: "POST", headers: bearer(), body: form });
    expect(note.status).toBe(201);
    const noteFile = (await note.json()).data.attachments[0].id;

    const view = (await (await page(token)).json()).data;
    expect(view.customer.name).toBe("Ingrid Johansen");
    expect(view.workshop.name).toBe("Nordlys Bil");
    expect(view.messages.map((m: { body: string }) => m.body)).toEqual(["Bilen er inne nå."]);
    expect(JSON.stringify(view)).not.toContain("vanskelig");
    expect((await page(token, `/attachments/${noteFile}`)).status).toBe(404);
  });

  it("takes the customer's message with a photo: unread in the inbox, an event, the photo downloadable from the page", async () => {
    const booking = await createBookingFixture(services.db, nordlys.workshop.id, { customerName: "Ola Nordmann" });
    const token = tokenOf((await issueLink(booking.id)).body.data.url);
    const form = new FormData();
    form.append("body", "Her er et bilde av ripen");
    form.append("attachments", new Blob([PNG_BYTES], { type: "image/png" }), "ripe.png");
    const res = await call(`/api/customer/${token}/messages`, { method: "POST", headers: PAGE, body: form });
    expect(res.status).toBe(201);
    const message = (await res.json()).data;
    expect(message).toMatchObject({ from: "customer", sender: "Ola Nordmann", body: "Her er et bilde av ripen" });

    const thread = (await (await call(`/api/ws/messages/thread/${booking.id}`, { headers: bearer() })).json()).data;
    expect(thread.unread_count).toBe(1);
    expect(thread.messages.at(-1)).toMatchObject({ sender_type: "customer", body: "Her er et bilde av ripen" });
    const events = (await (await call(`/api/ws/events?after=0&limit=100`, { headers: bearer() })).json()).data;
    expect(
      events.some(
        (e: { type: string; data: { message?: { id: number } } }) => e.type === "message.created" && e.data.message?.id === message.id,
      ),
    ).toBe(true);

    const file = await page(token, `/attachments/${message.attachments[0].id}`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("image/png");
  });

  it("refuses what a customer may not send (a note, a thread state, nothing) and cross-site posts", async () => {
    const booking = await createBookingFixture(services.db, nordlys.workshop.id);
    const token = tokenOf((await issueLink(booking.id)).body.data.url);
    expect((await pagePost(token, "/messages", { body: "hei", visibility: "internal" })).status).toBe(422);
    expect((await pagePost(token, "/messages", { body: "hei", state: "done" })).status).toBe(403);
    expect((await pagePost(token, "/messages", { body: "   " })).status).toBe(422);
    const crossSite = await call(`/api/customer/${token}/messages`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ body: "hei" }),
    });
    expect(crossSite.status).toBe(403);
    const count = await services.db.message.count({ where: { bookingId: booking.id } });
    expect(count).toBe(0);
  });

  it("records seen only forward, and only up to messages that exist", async () => {
    const booking = await createBookingFixture(services.db, nordlys.workshop.id);
    const token = tokenOf((await issueLink(booking.id)).body.data.url);
    await sendAsPartner({ body: "En" }, booking.id);
    await sendAsPartner({ body: "To" }, booking.id);
    // Opening the page (a GET, as a link preview does) records nothing.
    await page(token);
    expect((await services.db.thread.findUniqueOrThrow({ where: { bookingId: booking.id } })).customerSeenSeq).toBe(0);
    expect((await pagePost(token, "/seen", { seq: 2 })).status).toBe(204);
    expect((await pagePost(token, "/seen", { seq: 1 })).status).toBe(204);
    expect((await pagePost(token, "/seen", { seq: 99 })).status).toBe(204);
    expect((await services.db.thread.findUniqueOrThrow({ where: { bookingId: booking.id } })).customerSeenSeq).toBe(2);
    expect((await pagePost(token, "/seen", { seq: "x" })).status).toBe(422);
  });
});

describe("estimates", () => {
  async function sendEstimate(bookingId: number, validUntil = inDays(7)) {
    const form = new FormData();
    form.append("booking_id", String(bookingId));
    form.append(
      "estimate",
      JSON.stringify({
        lines: [
          { description: "Nye bremseklosser foran", price_nok: 2490, photo_index: 0 },
          { description: "Vindusviskere", price_nok: 349.5 },
        ],
        valid_until: validUntil,
        note: "Klossene er nede på 2 mm.",
      }),
    );
    form.append("attachments", new Blob([PNG_BYTES], { type: "image/png" }), "klosser.png");
    return call("/api/ws/messages", { method: "POST", headers: bearer(), body: form });
  }

  it("sends an estimate as a message with lines, photo, note and totals", async () => {
    const res = await sendEstimate(nordlys.booking.id);
    expect(res.status).toBe(201);
    const message = (await res.json()).data;
    expect(message.kind).toBe("estimate");
    expect(message.body).toBe("Klossene er nede på 2 mm.");
    expect(message.estimate).toMatchObject({ total_nok: 2839.5, approved_total_nok: 0, expired: false, valid_until: inDays(7) });
    expect(message.estimate.lines[0]).toMatchObject({ price_nok: 2490, photo_attachment_id: message.attachments[0].id, decision: null });
  });

  it("refuses a past validity, a bad price and a photo that is not one of the files, storing nothing", async () => {
    const before = await services.db.message.count();
    const bad = [
      { lines: [{ description: "A", price_nok: 100 }], valid_until: inDays(-2) },
      { lines: [{ description: "A", price_nok: 10.123 }], valid_until: inDays(3) },
      { lines: [{ description: "A", price_nok: 100, photo_index: 0 }], valid_until: inDays(3) },
      { lines: [], valid_until: inDays(3) },
    ];
    for (const estimate of bad) {
      const res = await sendAsPartner({ estimate });
      expect(res.status).toBe(422);
      expect((await res.json()).message).toMatch(/valid_until|price_nok|photo_index|at least one line/);
    }
    expect(await services.db.message.count()).toBe(before);
  });

  it("lets the customer approve one line and decline the other, once, with an event each", async () => {
    const booking = await createBookingFixture(services.db, nordlys.workshop.id);
    const token = tokenOf((await issueLink(booking.id)).body.data.url);
    const message = (await (await sendEstimate(booking.id)).json()).data;
    const [brakes, wipers] = message.estimate.lines;

    const view = (await (await page(token)).json()).data;
    expect(view.messages.at(-1).estimate.lines).toHaveLength(2);
    expect((await call(`/api/ws/messages/thread/${booking.id}`, jsonInit("PATCH", { state: "waiting" }))).status).toBe(200);

    const first = await pagePost(token, `/estimates/${message.estimate.id}/decision`, {
      decisions: [{ line_id: brakes.id, decision: "approved" }],
    });
    expect(first.status).toBe(200);
    expect((await first.json()).data.approved_total_nok).toBe(2490);
    // The customer answered: the workshop has something to act on again.
    const thread = (await (await call(`/api/ws/messages/thread/${booking.id}`, { headers: bearer() })).json()).data;
    expect(thread.state).toBe("open");
    expect(thread.approved_total_nok).toBe(2490);
    const again = await pagePost(token, `/estimates/${message.estimate.id}/decision`, {
      decisions: [{ line_id: brakes.id, decision: "declined" }],
    });
    expect(again.status).toBe(409);
    const second = await pagePost(token, `/estimates/${message.estimate.id}/decision`, {
      decisions: [{ line_id: wipers.id, decision: "declined" }],
    });
    const decided = (await second.json()).data;
    expect(decided.lines.map((line: { decision: string; decided_via: string }) => [line.decision, line.decided_via])).toEqual([
      ["approved", "customer_page"],
      ["declined", "customer_page"],
    ]);

    const events = (await (await call(`/api/ws/events?after=0&limit=100`, { headers: bearer() })).json()).data.filter(
      (e: { type: string; booking_id: number }) => e.type === "estimate.decided" && e.booking_id === booking.id,
    );
    expect(events).toHaveLength(2);
    const reopened = (await (await call(`/api/ws/events?after=0&limit=100`, { headers: bearer() })).json()).data.filter(
      (e: { type: string; booking_id: number }) => e.type === "thread.state_changed" && e.booking_id === booking.id,
    );
    expect(reopened.at(-1).data).toMatchObject({ state: "open", previous_state: "waiting", reason: "estimate_decided" });
    expect(events[1].data).toMatchObject({
      decided_via: "customer_page",
      by: { type: "customer" },
      estimate: { approved_total_nok: 2490 },
    });
  });

  it("lets a partner record a decision; refuses an expired estimate and another workshop's", async () => {
    const message = (await (await sendEstimate(nordlys.booking.id)).json()).data;
    const line = message.estimate.lines[0];
    const path = `/api/ws/messages/thread/${nordlys.booking.id}/estimates/${message.estimate.id}/decision`;
    const other = await call(
      path.replace(String(nordlys.booking.id), String(fjord.booking.id)),
      jsonInit("POST", { decisions: [{ line_id: line.id, decision: "approved" }] }, fjord.token.secret),
    );
    expect(other.status).toBe(404);
    const ok = await call(path, jsonInit("POST", { decisions: [{ line_id: line.id, decision: "approved" }] }));
    expect(ok.status).toBe(200);
    expect((await ok.json()).data.lines[0].decided_via).toBe("api");

    await services.db.estimate.update({ where: { id: message.estimate.id }, data: { validUntil: new Date(Date.now() - 1000) } });
    const late = await call(path, jsonInit("POST", { decisions: [{ line_id: message.estimate.lines[1].id, decision: "approved" }] }));
    expect(late.status).toBe(409);
    expect((await late.json()).message).toMatch(/no longer be decided/);
  });
});
