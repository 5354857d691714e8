import { describe, expect, it } from "vitest";
import { createPostgresEventBus } from "./postgres-event-bus";

const url = process.env.TEST_DATABASE_URL;

// Needs a PostgreSQL server: runs in the TEST_DATABASE_URL run of the suite (CI runs both).
describe.skipIf(!url)("PostgreSQL event bus (needs a PostgreSQL server: runs in the TEST_DATABASE_URL pass of the suite)", () => {
  it("wakes listeners in this process at once and in another process through NOTIFY, once each", async () => {
    const a = createPostgresEventBus(url!);
    const b = createPostgresEventBus(url!);
    await new Promise((resolve) => setTimeout(resolve, 500)); // both LISTENing
    const seenByA: number[] = [];
    const seenByB: number[] = [];
    a.subscribe("w1", (event) => seenByA.push(event.seq));
    b.subscribe("w1", (event) => seenByB.push(event.seq));
    b.subscribe("w2", () => seenByB.push(-1));
    a.publish({ workshopId: "w1", seq: 7, type: "message.created", bookingId: 3 });
    expect(seenByA).toEqual([7]);
    await expect.poll(() => seenByB).toEqual([7]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seenByA).toEqual([7]);
    await a.close();
    await b.close();
  });
});
