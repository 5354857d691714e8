import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getThreadInput } from "@minbil/contracts/messages/get-thread.schema";
import { createTestServices, type TestServices } from "../testing/test-services";
import { createWorkshopFixture } from "../testing/fixtures";
import { getThread } from "./get-thread.handler";
import { sendMessage } from "./send-message.handler";

let services: TestServices;
let workshop: Awaited<ReturnType<typeof createWorkshopFixture>>;

beforeAll(async () => {
  services = await createTestServices();
  workshop = await createWorkshopFixture(services.db, "Lang Tråd");
  const sameMillisecond = new Date("2026-11-20T10:00:00.000Z");
  for (let i = 1; i <= 45; i += 1) {
    await sendMessage(
      { ...services, workshopId: workshop.workshop.id, actor: workshop.auth.actor, now: () => sameMillisecond },
      { booking_id: workshop.booking.id, body: `Melding ${i}`, sender_type: i % 2 ? "customer" : "workshop", attachments: [] },
    );
  }
});
afterAll(() => services?.close());

const read = (input: Record<string, unknown>) =>
  getThread({ db: services.db, workshopId: workshop.workshop.id }, getThreadInput.parse({ booking_id: workshop.booking.id, ...input }));

describe("getThread", () => {
  it("opens at the newest messages, oldest first, and pages back through all of them once, in order", async () => {
    const first = await read({ limit: 20 });
    expect(first.data.messages.map((m) => m.body)).toEqual(Array.from({ length: 20 }, (_, i) => `Melding ${26 + i}`));
    expect(first.meta.has_more).toBe(true);
    const second = await read({ limit: 20, cursor: first.meta.next_cursor });
    expect(second.data.messages.map((m) => m.seq)).toEqual(Array.from({ length: 20 }, (_, i) => 6 + i));
    const third = await read({ limit: 20, cursor: second.meta.next_cursor });
    expect(third.data.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(third.meta).toEqual({ next_cursor: null, has_more: false });
    expect(first.data.message_count).toBe(45);
  });

  it("uses the default page size of 20", async () => {
    expect((await read({})).data.messages).toHaveLength(20);
  });
});
