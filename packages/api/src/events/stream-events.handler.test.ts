import { setMaxListeners } from "node:events";
import { createApiToken } from "../auth/api-token";
import { metaFromHeaders } from "../auth/request-meta";
import { createContext } from "../context";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestServices, type TestServices } from "../testing/test-services";
import { createWorkshopFixture } from "../testing/fixtures";
import { sendMessage } from "../messages/send-message.handler";
import { markThreadRead } from "../messages/mark-thread-read.handler";
import { streamEvents } from "./stream-events.handler";

let services: TestServices;
let workshop: Awaited<ReturnType<typeof createWorkshopFixture>>;
let other: Awaited<ReturnType<typeof createWorkshopFixture>>;

beforeAll(async () => {
  services = await createTestServices();
  workshop = await createWorkshopFixture(services.db, "Live Bil");
  other = await createWorkshopFixture(services.db, "Annen Bil");
});
afterAll(() => services?.close());

const send = (body: string, fixture = workshop) =>
  sendMessage(
    { ...services, workshopId: fixture.workshop.id, actor: fixture.auth.actor },
    { booking_id: fixture.booking.id, body, sender_type: "customer", attachments: [] },
  );

/** The next `count` events; tRPC's tracked() yields [id, event, marker]. */
async function take(iterator: AsyncGenerator<unknown>, count: number) {
  const out: { id: string; data: { type: string; seq: number; data: { message?: { body: string } } } }[] = [];
  while (out.length < count) {
    const next = await iterator.next();
    if (next.done) break;
    const [id, data] = next.value as [string, (typeof out)[number]["data"]];
    out.push({ id, data });
  }
  return out;
}

describe("streamEvents", () => {
  it("catches up after the last event id, then delivers new events live, of its own workshop only", async () => {
    await send("én");
    await send("to");
    await send("tre");
    const controller = new AbortController();
    const stream = streamEvents(
      { ...services, workshopId: workshop.workshop.id, stillAllowed: async () => true },
      { lastEventId: "1" },
      controller.signal,
    );

    const missed = await take(stream, 2);
    expect(missed.map((e) => e.id)).toEqual(["2", "3"]);
    // Each event carries its stable public id beside its seq.
    expect(missed.map((e) => (e.data as unknown as { id: string }).id)).toEqual([
      `evt_${workshop.workshop.id}_2`,
      `evt_${workshop.workshop.id}_3`,
    ]);
    expect(missed.map((e) => e.data.data.message?.body)).toEqual(["to", "tre"]);

    const live = take(stream, 2);
    await send("fra en annen", other);
    await send("fire");
    await markThreadRead({ ...services, workshopId: workshop.workshop.id }, { booking_id: workshop.booking.id, read: true });
    const received = await live;
    expect(received.map((e) => [e.id, e.data.type])).toEqual([
      ["4", "message.created"],
      ["5", "thread.read"],
    ]);
    // Closing the subscription ends the stream at once (not at the next poll).
    controller.abort();
    const started = Date.now();
    expect((await stream.next()).done).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("starts at the present without a last event id", async () => {
    const controller = new AbortController();
    const stream = streamEvents({ ...services, workshopId: workshop.workshop.id, stillAllowed: async () => true }, {}, controller.signal);
    const next = take(stream, 1);
    await new Promise((resolve) => setTimeout(resolve, 300)); // let it read where "now" is
    await send("ny");
    expect((await next)[0]!.data.data.message?.body).toBe("ny");
    controller.abort();
  });

  it("says first where it starts, when asked, so a reconnect before any event resumes from there", async () => {
    const newest = (await services.db.workshop.findUniqueOrThrow({ where: { id: workshop.workshop.id } })).eventSeq;
    const controller = new AbortController();
    const deps = { ...services, workshopId: workshop.workshop.id, stillAllowed: async () => true };
    const [marker] = await take(streamEvents(deps, { announceStart: true }, controller.signal), 1);
    expect(marker).toEqual({ id: String(newest), data: { type: "stream.started" } });

    // Resuming from the id it gave: what was written meanwhile arrives, and no second marker.
    await send("mens borte");
    const [missed] = await take(streamEvents(deps, { lastEventId: marker!.id, announceStart: true }, controller.signal), 1);
    expect(missed!.data.data.message?.body).toBe("mens borte");
    controller.abort();
  });

  it("starts at the newest event when the last event id is past it (a database restored from a backup)", async () => {
    const newest = (await services.db.workshop.findUniqueOrThrow({ where: { id: workshop.workshop.id } })).eventSeq;
    const controller = new AbortController();
    const stream = streamEvents(
      { ...services, workshopId: workshop.workshop.id, stillAllowed: async () => true },
      { lastEventId: String(newest + 1000), announceStart: true },
      controller.signal,
    );
    expect((await take(stream, 1))[0]).toEqual({ id: String(newest), data: { type: "stream.started" } });
    const next = take(stream, 1);
    await send("etter gjenoppretting");
    expect((await next)[0]!.data.data.message?.body).toBe("etter gjenoppretting");
    controller.abort();
  });

  it("ends the stream of a caller whose token is revoked: at the next batch, and within the check interval when idle", async () => {
    const token = await createApiToken(services.db, workshop.workshop.id, "Lytter");
    const context = () =>
      createContext({ services, request: metaFromHeaders("GET", new Headers({ authorization: `Bearer ${token.secret}` })), session: null });

    // Idle: nothing happens in the workshop, the stream still ends soon after the revocation.
    const idle = streamEvents(
      { ...services, workshopId: workshop.workshop.id, stillAllowed: context().recheckAuth, recheckMs: 200 },
      {},
      undefined,
    );
    const ended = idle.next();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await services.db.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
    const started = Date.now();
    expect((await ended).done).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);

    // Busy: an event written after the revocation is never sent.
    await services.db.apiToken.update({ where: { id: token.id }, data: { revokedAt: null } });
    const busy = streamEvents(
      { ...services, workshopId: workshop.workshop.id, stillAllowed: context().recheckAuth, recheckMs: 60_000 },
      {},
      undefined,
    );
    const next = busy.next();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await services.db.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
    await send("etter tilbaketrekking");
    expect((await next).done).toBe(true);
  });

  it("serves many streams of one workshop with one event-log read per event, and every stream gets every event", async () => {
    const STREAMS = 30;
    let reads = 0;
    // The same database, counting the event-log reads the streams make.
    const db = new Proxy(services.db, {
      get(target, property, receiver) {
        if (property !== "event") return Reflect.get(target, property, receiver);
        const findMany: typeof target.event.findMany = (...args) => {
          reads += 1;
          return target.event.findMany(...args);
        };
        return { ...target.event, findMany };
      },
    });
    const controller = new AbortController();
    setMaxListeners(0, controller.signal); // one listener per stream
    const streams = Array.from({ length: STREAMS }, () =>
      streamEvents({ ...services, db, workshopId: workshop.workshop.id, stillAllowed: async () => true }, {}, controller.signal),
    );
    const firsts = streams.map((stream) => take(stream, 2));
    await new Promise((resolve) => setTimeout(resolve, 300)); // every stream reads where "now" is, then waits
    const before = reads;
    await send("til alle");
    await new Promise((resolve) => setTimeout(resolve, 50));
    await send("til alle igjen");
    const got = await Promise.all(firsts);
    for (const events of got) expect(events.map((e) => e.data.data.message?.body)).toEqual(["til alle", "til alle igjen"]);
    // Two events: a handful of shared reads, not one per stream and event (60).
    expect(reads - before).toBeLessThanOrEqual(6);
    controller.abort();
  });

  it("ends every stream of a revoked token when their rechecks are shared", async () => {
    const token = await createApiToken(services.db, workshop.workshop.id, "Mange lyttere");
    const context = () =>
      createContext({ services, request: metaFromHeaders("GET", new Headers({ authorization: `Bearer ${token.secret}` })), session: null });
    const streams = Array.from({ length: 10 }, () =>
      streamEvents(
        { ...services, workshopId: workshop.workshop.id, stillAllowed: context().recheckAuth, recheckMs: 60_000 },
        {},
        undefined,
      ),
    );
    const nexts = streams.map((stream) => stream.next());
    await new Promise((resolve) => setTimeout(resolve, 300));
    await services.db.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
    await send("ingen skal høre dette");
    for (const next of await Promise.all(nexts)) expect(next.done).toBe(true);
  });
});
