import { sqlTransaction } from "@minbil/db/sql-transaction";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listEventsInput } from "@minbil/contracts/events/list-events.schema";
import { createTestServices, type TestServices } from "../testing/test-services";
import { createBookingFixture, createWorkshopFixture } from "../testing/fixtures";
import { sendMessage } from "../messages/send-message.handler";
import { writeMessage } from "../messages/write-message";
import { listEvents } from "./list-events.handler";

// Two transactions at once need a database server (the embedded one runs one connection).
const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)("events numbered at commit (needs a PostgreSQL server: runs in the TEST_DATABASE_URL pass of the suite)", () => {
  let services: TestServices;
  let workshop: Awaited<ReturnType<typeof createWorkshopFixture>>;
  beforeAll(async () => {
    services = await createTestServices();
    workshop = await createWorkshopFixture(services.db, "Samtidig Bil");
  });
  afterAll(() => services?.close());

  const feed = async (after: number) =>
    (await listEvents({ ...services, workshopId: workshop.workshop.id }, listEventsInput.parse({ after }))).data;

  it("lets a send to another thread finish while a send is still open, and the feed misses neither", async () => {
    const first = workshop.booking;
    const second = await createBookingFixture(services.db, workshop.workshop.id);
    const before = (await services.db.workshop.findUniqueOrThrow({ where: { id: workshop.workshop.id } })).eventSeq;
    const unreadBefore = (await services.db.workshop.findUniqueOrThrow({ where: { id: workshop.workshop.id } })).unreadTotal;

    // A send that has written its message and event, and has not committed yet.
    let commit!: () => void;
    const held = new Promise<void>((resolve) => (commit = resolve));
    let written!: () => void;
    const wrote = new Promise<void>((resolve) => (written = resolve));
    const open = sqlTransaction(services.db, async (sql) => {
      await writeMessage(sql, {
        workshopId: workshop.workshop.id,
        bookingId: first.id,
        senderType: "customer",
        senderName: "Kunde",
        visibility: "customer",
        body: "Skrevet først, lagret sist",
        actor: null,
      });
      written();
      await held;
    });
    await wrote;

    // Another thread of the same workshop: it does not wait for the open send (before, it queued on the
    // workshop row until that one committed, so this timed out).
    const other = sendMessage(
      { ...services, workshopId: workshop.workshop.id, actor: workshop.auth.actor },
      { booking_id: second.id, body: "Skrevet sist, lagret først", sender_type: "customer", attachments: [] },
    );
    const finished = await Promise.race([other.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 3000))]);
    expect(finished).toBe(true);

    // A reader now sees the second send, numbered next; the open one has no number yet.
    const seen = await feed(before);
    expect(seen.map((event) => [event.seq, event.booking_id])).toEqual([[before + 1, second.id]]);

    commit();
    await open;
    // Resuming after what it saw, the reader gets the first send: numbered after, not skipped.
    const later = await feed(seen.at(-1)!.seq);
    expect(later.map((event) => [event.seq, event.booking_id, event.type])).toEqual([[before + 2, first.id, "message.created"]]);
    // Both unread messages are in the workshop's total, applied at commit with the numbers.
    const after = await services.db.workshop.findUniqueOrThrow({ where: { id: workshop.workshop.id } });
    expect([after.eventSeq, after.unreadTotal]).toEqual([before + 2, unreadBefore + 2]);
  });

  it("keeps every seq once and in order under 20 concurrent sends to 20 threads", async () => {
    const bookings = await Promise.all(Array.from({ length: 20 }, () => createBookingFixture(services.db, workshop.workshop.id)));
    const before = (await services.db.workshop.findUniqueOrThrow({ where: { id: workshop.workshop.id } })).eventSeq;
    await Promise.all(
      bookings.map((booking, index) =>
        sendMessage(
          { ...services, workshopId: workshop.workshop.id, actor: workshop.auth.actor },
          { booking_id: booking.id, body: `Melding ${index}`, sender_type: "customer", attachments: [] },
        ),
      ),
    );
    const events = await feed(before);
    expect(events.map((event) => event.seq)).toEqual(Array.from({ length: 20 }, (_, index) => before + 1 + index));
    expect(new Set(events.map((event) => event.booking_id)).size).toBe(20);
  });
});
