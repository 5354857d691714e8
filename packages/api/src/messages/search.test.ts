// Inbox search (listThreads with q, and GET /api/ws/messages?q=): on PGlite, and on PostgreSQL with TEST_DATABASE_URL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listThreadsInput } from "@minbil/contracts/messages/list-threads.schema";
import { createTestServices, type TestServices } from "../testing/test-services";
import { createWorkshopFixture } from "../testing/fixtures";
import { createTestHttpApp, fetchApp } from "../testing/test-http";
import { createBooking, type NewBooking } from "../bookings/create-booking";
import { listThreads } from "./list-threads.handler";
import { sendMessage } from "./send-message.handler";
import { searchExcerpt, searchWords, threadSearchText } from "./search-text";

let services: TestServices;
let nordlys: Awaited<ReturnType<typeof createWorkshopFixture>>;
let fjord: Awaited<ReturnType<typeof createWorkshopFixture>>;
const ids: Record<string, number> = {};
const fleet: number[] = [];
const seqs: Record<string, number> = {};
let references = 0;

async function booking(workshopId: string, fields: Partial<NewBooking> & { customer: NewBooking["customer"] }) {
  // Not random: a random reference could hold a query's word.
  references += 1;
  const reference = `Q-${references}`;
  return (
    await createBooking(services.db, {
      workshopId,
      reference,
      service: "Service",
      scheduledAt: new Date("2026-12-01T08:00:00Z"),
      vehicle: { registrationNumber: "XX 00000" },
      ...fields,
    })
  ).id;
}

async function say(
  workshop: typeof nordlys,
  bookingId: number,
  body: string,
  options: { sender?: "customer" | "workshop"; internal?: boolean } = {},
) {
  const sent = await sendMessage(
    { ...services, workshopId: workshop.workshop.id, actor: workshop.auth.actor },
    {
      booking_id: bookingId,
      body,
      sender_type: options.sender ?? "workshop",
      visibility: options.internal ? "internal" : "customer",
      attachments: [],
    },
  );
  return sent.message;
}

beforeAll(async () => {
  services = await createTestServices();
  nordlys = await createWorkshopFixture(services.db, "Nordlys Bil");
  fjord = await createWorkshopFixture(services.db, "Fjord Auto");
  const ws = nordlys.workshop.id;
  ids.orjan = await booking(ws, {
    customer: { name: "Ørjan Ås", phone: "+47 912 34 567", email: "orjan@fjell.no" },
    vehicle: { registrationNumber: "EL 55555", make: "Tesla", model: "Model Y" },
  });
  ids.kari = await booking(ws, {
    customer: { name: "Kari Nordmann", phone: "900 11 222", email: "kari@nordmann.no" },
    vehicle: { registrationNumber: "AB 12345", make: "Volvo", model: "XC60" },
  });
  ids.per = await booking(ws, {
    customer: { name: "Per Hansen", phone: null, email: null },
    vehicle: { registrationNumber: "CD 99999", make: "Toyota", model: "Corolla" },
  });
  await say(nordlys, ids.orjan, "Hei, bremsene hviner på bilen. Blåbærsyltetøy i baksetet.", { sender: "customer" });
  seqs.note = (await say(nordlys, ids.orjan, "Sjekk girkassen neste gang", { internal: true })).seq;
  seqs.ready = (await say(nordlys, ids.orjan, "Bilen er klar, 100% ferdig")).seq;
  await say(nordlys, ids.kari, "Når er bilen klar?", { sender: "customer" });
  await say(nordlys, ids.kari, "Dekkskift_vinter er bestilt");
  await say(nordlys, ids.per, "Bildene ligger i c:\\verksted\\per");
  for (let i = 0; i < 5; i += 1) {
    const id = await booking(ws, { customer: { name: `Flåte ${i}` }, vehicle: { registrationNumber: `FL ${1000 + i}` } });
    fleet.push(id);
    await say(nordlys, id, `Flåtebil nummer ${i} er levert`, { sender: "customer" });
  }
  // Another workshop with the same words: never found from Nordlys.
  ids.other = await booking(fjord.workshop.id, {
    customer: { name: "Ørjan Annen", phone: "+47 912 34 567" },
    vehicle: { registrationNumber: "EL 55555", make: "Tesla" },
  });
  await say(fjord, ids.other, "Bremsene hviner her også");
});
afterAll(() => services?.close());

describe("search words and excerpts", () => {
  it("splits a query into distinct lower-case words", () => {
    expect(searchWords("  Kari   NORDMANN kari ")).toEqual(["kari", "nordmann"]);
    expect(searchWords("nord nordmann")).toEqual(["nordmann"]);
  });

  it("builds the thread's search text from the booking and the customer", () => {
    expect(
      threadSearchText({
        customerName: "Ørjan  Ås",
        reference: "NB-1",
        registration: "EL 55555",
        phone: "+47 912 34 567",
        email: "Orjan@Fjell.no",
        make: "Tesla",
        model: null,
      }),
    ).toBe("ørjan ås | nb-1 | el 55555 | el55555 | +47 912 34 567 | +4791234567 | orjan@fjell.no | tesla");
  });

  it("cuts a window around the first hit", () => {
    const body = `${"lang tekst ".repeat(20)}her er treffet midt i ${"og mer tekst ".repeat(20)}`;
    const { excerpt, hit } = searchExcerpt(body, ["treffet"]);
    expect(excerpt.startsWith("…")).toBe(true);
    expect(excerpt.endsWith("…")).toBe(true);
    expect(excerpt.length).toBeLessThan(160);
    expect(excerpt.slice(hit!.start, hit!.start + hit!.length)).toBe("treffet");
    expect(searchExcerpt("Kort tekst", ["tekst"])).toEqual({ excerpt: "Kort tekst", hit: { start: 5, length: 5 } });
  });
});

// Each case on both paths: rare words looked up through the trigram indexes first, and every word
// checked per thread (what common words get).
describe.each([
  ["through the trigram indexes", undefined],
  ["checked per thread", 0],
])("listThreads with q, %s", (_path, searchRareLimit) => {
  const search = (q: string, input: Record<string, unknown> = {}, workshopId = nordlys.workshop.id) =>
    listThreads({ db: services.db, workshopId, searchRareLimit }, listThreadsInput.parse({ q, limit: 100, ...input }));
  const found = async (q: string, input: Record<string, unknown> = {}) =>
    (await search(q, input)).data.map((thread) => thread.booking_id).sort((a, b) => a - b);

  it("finds a thread by every word, in any order, as prefixes or parts, in any case", async () => {
    expect(await found("ørjan ås")).toEqual([ids.orjan]);
    expect(await found("ås ørjan")).toEqual([ids.orjan]);
    expect(await found("KARI nordm")).toEqual([ids.kari]);
    expect(await found("ordman")).toEqual([ids.kari]);
    expect(await found("kari hansen")).toEqual([]);
  });

  it("matches Norwegian letters as typed", async () => {
    expect(await found("ØRJAN")).toEqual([ids.orjan]);
    expect(await found("blåbær")).toEqual([ids.orjan]);
    expect(await found("blabaer")).toEqual([]);
    expect(await found("flåteb")).toEqual([...fleet].sort((a, b) => a - b));
  });

  it("finds phone (with or without spaces), e-mail, registration number, make and model", async () => {
    expect(await found("91234567")).toEqual([ids.orjan]);
    expect(await found("912 34")).toEqual([ids.orjan]);
    expect(await found("kari@nordmann.no")).toEqual([ids.kari]);
    expect(await found("ab12345")).toEqual([ids.kari]);
    expect(await found("AB 12345")).toEqual([ids.kari]);
    expect(await found("volvo xc6")).toEqual([ids.kari]);
    expect(await found("tesla model")).toEqual([ids.orjan]);
    expect(await found("corolla")).toEqual([ids.per]);
  });

  it("takes %, _ and \\ literally", async () => {
    expect(await found("100%")).toEqual([ids.orjan]);
    expect(await found("%")).toEqual([ids.orjan]);
    expect(await found("dekkskift_")).toEqual([ids.kari]);
    expect(await found("_")).toEqual([ids.kari]);
    expect(await found("dekkskift%")).toEqual([]);
    expect(await found("c:\\verksted")).toEqual([ids.per]);
    expect(await found("\\")).toEqual([ids.per]);
  });

  it("finds words in message bodies, with the most recent matching message as the match", async () => {
    const page = await search("hviner");
    expect(page.data.map((thread) => thread.booking_id)).toEqual([ids.orjan]);
    expect(page.data[0]!.match).toMatchObject({ seq: 1, excerpt: "Hei, bremsene hviner på bilen. Blåbærsyltetøy i baksetet." });
    const klar = await search("klar bilen");
    expect(klar.data.map((thread) => thread.booking_id).sort()).toEqual([ids.orjan, ids.kari].sort());
    expect(klar.data.find((thread) => thread.booking_id === ids.orjan)!.match).toMatchObject({
      seq: seqs.ready,
      excerpt: "Bilen er klar, 100% ferdig",
    });
    const message = await services.db.message.findFirstOrThrow({ where: { bookingId: ids.orjan, seq: seqs.ready } });
    expect(klar.data.find((thread) => thread.booking_id === ids.orjan)!.match!.message_id).toBe(message.id);
  });

  it("finds internal notes (staff search)", async () => {
    const page = await search("girkass");
    expect(page.data.map((thread) => thread.booking_id)).toEqual([ids.orjan]);
    expect(page.data[0]!.match).toMatchObject({ seq: seqs.note, excerpt: "Sjekk girkassen neste gang" });
  });

  it("has no match when the words are in the booking or customer, and a match for the word that was only in a message", async () => {
    expect((await search("kari")).data[0]!.match).toBeNull();
    expect((await search("tesla")).data[0]!.match).toBeNull();
    const mixed = await search("ørjan hviner");
    expect(mixed.data.map((thread) => thread.booking_id)).toEqual([ids.orjan]);
    expect(mixed.data[0]!.match).toMatchObject({ seq: 1 });
    expect((await search("")).data.every((thread) => thread.match === null)).toBe(true);
  });

  it("sees only its own workshop", async () => {
    expect(await found("bremsene")).toEqual([ids.orjan]);
    expect(await found("ørjan annen")).toEqual([]);
    const theirs = await search("hviner", {}, fjord.workshop.id);
    expect(theirs.data.map((thread) => thread.booking_id)).toEqual([ids.other]);
    expect(theirs.data[0]!.match!.excerpt).toBe("Bremsene hviner her også");
  });

  it("works with the state filter and pages through every hit exactly once", async () => {
    for (const id of fleet.slice(0, 2)) await services.db.thread.update({ where: { bookingId: id }, data: { state: "DONE" } });
    try {
      const seen: number[] = [];
      let cursor: string | undefined;
      do {
        const page = await search("levert flåtebil", { state: "open", limit: 2, cursor });
        expect(page.data.length).toBeLessThanOrEqual(2);
        expect(page.data.every((thread) => thread.state === "open" && thread.match !== null)).toBe(true);
        seen.push(...page.data.map((thread) => thread.booking_id));
        cursor = page.meta.next_cursor ?? undefined;
      } while (cursor);
      expect(seen.sort((a, b) => a - b)).toEqual(fleet.slice(2).sort((a, b) => a - b));
      expect(await found("levert", { state: "done" })).toEqual(fleet.slice(0, 2).sort((a, b) => a - b));
      expect(await found("levert", { state: "done", unread: true })).toEqual(fleet.slice(0, 2).sort((a, b) => a - b));
    } finally {
      for (const id of fleet.slice(0, 2)) await services.db.thread.update({ where: { bookingId: id }, data: { state: "OPEN" } });
    }
  });
});

describe("GET /api/ws/messages?q=", () => {
  it("answers threads with match, as the OpenAPI document describes", async () => {
    const call = fetchApp(await createTestHttpApp(services));
    const res = await call(`/api/ws/messages?q=${encodeURIComponent("HVINER bremse")}`, {
      headers: { Authorization: `Bearer ${nordlys.token.secret}` },
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.data).toHaveLength(1);
    expect(body.data[0]).toMatchObject({ booking_id: ids.orjan, match: { seq: 1, excerpt: expect.stringContaining("hviner") } });
    const byName = await call(`/api/ws/messages?q=${encodeURIComponent("nordmann")}`, {
      headers: { Authorization: `Bearer ${nordlys.token.secret}` },
    });
    expect((await byName.json()).data[0]).toMatchObject({ booking_id: ids.kari, match: null });
    const literal = await call(`/api/ws/messages?q=${encodeURIComponent("%")}`, {
      headers: { Authorization: `Bearer ${fjord.token.secret}` },
    });
    expect((await literal.json()).data).toEqual([]);
  });
});
