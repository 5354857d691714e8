import { afterEach, describe, expect, it, vi } from "vitest";
import type { AppendedEvent } from "./append-event";
import { eventBusSetting } from "./create-event-bus";
import { createCrossProcessEventBus, type BusTransport, type CrossProcessEventBus } from "./cross-process-event-bus";
import { createPostgresEventBus } from "./postgres-event-bus";
import { createRedisEventBus } from "./redis-event-bus";
import { redisAnswers } from "../testing/redis-answers";

// Both buses as two app processes see them: two bus instances on one server, one publishing, the other
// woken. PostgreSQL runs in the TEST_DATABASE_URL pass of the suite; Redis at TEST_REDIS_URL (default
// redis://127.0.0.1:6379, which CI and the development machines run).

const postgresUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const redisUp = await redisAnswers(redisUrl);

const open: CrossProcessEventBus[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((bus) => bus.close()));
});

// Events told apart by their booking (an event's seq is not known when it is published).
const event = (workshopId: string, bookingId: number): AppendedEvent => ({ workshopId, type: "message.created", bookingId });

describe.each([
  { name: "PostgreSQL LISTEN/NOTIFY", skip: !postgresUrl, create: () => createPostgresEventBus(postgresUrl!) },
  { name: "Redis pub/sub", skip: !redisUp, create: () => createRedisEventBus(redisUrl) },
])("$name event bus (skipped without its server)", ({ skip, create }) => {
  async function twoProcesses() {
    const a = create();
    const b = create();
    open.push(a, b);
    await Promise.all([a.ready, b.ready]);
    return [a, b] as const;
  }

  it.skipIf(skip)("wakes listeners in this process at once and in the other process, once each", async () => {
    const [a, b] = await twoProcesses();
    const seenByA: number[] = [];
    const seenByB: number[] = [];
    const allOnB: string[] = [];
    a.subscribe("w1", (e) => seenByA.push(e.bookingId!));
    b.subscribe("w1", (e) => seenByB.push(e.bookingId!));
    b.subscribe("w2", () => seenByB.push(-1));
    b.subscribeAll((e) => allOnB.push(`${e.workshopId}:${e.bookingId}`));
    a.publish(event("w1", 7));
    expect(seenByA).toEqual([7]);
    await expect.poll(() => seenByB).toEqual([7]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seenByA).toEqual([7]);
    expect(seenByB).toEqual([7]);
    expect(allOnB).toEqual(["w1:7"]);
  });

  it.skipIf(skip)("sends one notice per workshop for what one commit publishes, naming the latest event", async () => {
    const [a, b] = await twoProcesses();
    const seenByB: string[] = [];
    b.subscribeAll((e) => seenByB.push(`${e.workshopId}:${e.bookingId}`));
    // A send that also changes the thread's state publishes its events together.
    a.publish(event("w1", 11));
    a.publish(event("w1", 12));
    a.publish(event("w2", 4));
    a.publish(event("w1", 13));
    await expect.poll(() => seenByB.length).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seenByB.sort()).toEqual(["w1:13", "w2:4"]);
  });
});

describe("notices under a load of sends", () => {
  it("has one batch on its way at a time, and every workshop's latest event reaches the other processes", async () => {
    let onTheWay = 0;
    let most = 0;
    const batches: string[][] = [];
    const transport: BusTransport = {
      start: async () => {},
      async send(messages) {
        onTheWay += 1;
        most = Math.max(most, onTheWay);
        batches.push(messages.map((message) => JSON.parse(message) as AppendedEvent).map((e) => `${e.workshopId}:${e.bookingId}`));
        // A slow database: sends keep committing while a notice is on its way.
        await new Promise((resolve) => setTimeout(resolve, 20));
        onTheWay -= 1;
      },
      close: async () => {},
    };
    const bus = createCrossProcessEventBus(transport, "test");
    open.push(bus);
    for (let booking = 1; booking <= 40; booking += 1) {
      bus.publish(event(booking % 2 ? "w1" : "w2", booking));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await bus.close();
    open.length = 0;
    expect(most).toBe(1);
    // Far fewer statements than sends, and the last of each workshop is in the last batches.
    expect(batches.length).toBeLessThan(10);
    const sent = batches.flat();
    expect(sent).toContain("w1:39");
    expect(sent).toContain("w2:40");
  });
  /**
   * Publishes an event of a new booking every turn for 60 ms and returns the gaps between the batches'
   * starts, as the bus read its clock for them (its last performance.now() before send): measured in
   * send instead, a loaded machine's preemption in between would look like a short gap. `busy` runs in
   * each send. (close() sends what still waits at once: not counted.)
   */
  async function batchGaps(busy: () => void = () => {}): Promise<number[]> {
    let last = 0;
    const real = performance.now.bind(performance);
    const spy = vi.spyOn(performance, "now").mockImplementation(() => (last = real()));
    const starts: number[] = [];
    const transport: BusTransport = {
      start: async () => {},
      send: async () => {
        starts.push(last);
        busy();
      },
      close: async () => {},
    };
    const bus = createCrossProcessEventBus(transport, "test");
    const until = Date.now() + 60;
    for (let booking = 1; Date.now() < until; booking += 1) {
      bus.publish(event("w1", booking));
      await new Promise((resolve) => setImmediate(resolve));
    }
    const measured = starts.slice();
    await bus.close();
    spy.mockRestore();
    expect(measured.length).toBeGreaterThan(1);
    return measured.slice(1).map((start, index) => start - measured[index]!);
  }

  it("starts batches at least 5 ms apart when each is sent at once", async () => {
    expect(Math.min(...(await batchGaps()))).toBeGreaterThanOrEqual(5);
  });

  it("keeps them 5 ms apart after a long turn of the event loop, when Node's timers fire early", async () => {
    // A busy process: each send's turn lasts 4 ms, and the next batch's timer counts from the turn's beginning.
    const gaps = await batchGaps(() => {
      const until = Date.now() + 4;
      while (Date.now() < until);
    });
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(5);
  });
});

describe("EVENT_BUS setting", () => {
  it("is PostgreSQL on a PostgreSQL database, in-process on the embedded one, Redis when asked", () => {
    expect(eventBusSetting({ DATABASE_URL: "postgresql://db/x" })).toEqual({ kind: "postgres", url: "postgresql://db/x" });
    expect(eventBusSetting({})).toEqual({ kind: "in-process" });
    expect(eventBusSetting({ EVENT_BUS: "redis", REDIS_URL: "redis://r:6379", DATABASE_URL: "postgresql://db/x" })).toEqual({
      kind: "redis",
      url: "redis://r:6379",
    });
  });

  it("refuses EVENT_BUS=redis without REDIS_URL, saying what to set", () => {
    expect(() => eventBusSetting({ EVENT_BUS: "redis", DATABASE_URL: "postgresql://db/x" })).toThrow(
      "EVENT_BUS=redis needs REDIS_URL (for example redis://127.0.0.1:6379)",
    );
  });
});
