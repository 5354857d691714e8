import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readdir } from "node:fs/promises";
import { sendMessageInput } from "@minbil/contracts/messages/send-message.schema";
import { createTestServices, type TestServices } from "../testing/test-services";
import { createBookingFixture, createWorkshopFixture } from "../testing/fixtures";
import { PNG_BYTES, file } from "../testing/sample-files";
import type { AttachmentStorage } from "../attachments/storage";
import type { Actor } from "../auth/auth-context";
import { sendMessage } from "./send-message.handler";

let services: TestServices;
let workshop: Awaited<ReturnType<typeof createWorkshopFixture>>;

beforeAll(async () => {
  services = await createTestServices();
  workshop = await createWorkshopFixture(services.db, "Send Bil");
});
afterAll(() => services?.close());

const send = (input: Record<string, unknown>, actor: Actor = workshop.auth.actor, storage: AttachmentStorage = services.storage) =>
  sendMessage({ ...services, storage, workshopId: workshop.workshop.id, actor }, sendMessageInput.parse(input));

async function filesOnDisk(): Promise<string[]> {
  try {
    return (await readdir(services.storageDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  } catch {
    return [];
  }
}

describe("sendMessage", () => {
  it("counts customer messages as unread and a workshop reply as read, in the thread and the workshop total", async () => {
    const booking = await createBookingFixture(services.db, workshop.workshop.id);
    const total = async () => (await services.db.workshop.findUniqueOrThrow({ where: { id: workshop.workshop.id } })).unreadTotal;
    const before = await total();
    await send({ booking_id: booking.id, body: "Hei", sender_type: "customer" });
    await send({ booking_id: booking.id, body: "Hallo?", sender_type: "customer" });
    expect((await services.db.thread.findUniqueOrThrow({ where: { bookingId: booking.id } })).unreadCount).toBe(2);
    expect(await total()).toBe(before + 2);
    await send({ booking_id: booking.id, body: "Vi ser på det" });
    const thread = await services.db.thread.findUniqueOrThrow({ where: { bookingId: booking.id } });
    expect(thread).toMatchObject({ unreadCount: 0, lastReadSeq: 3, messageCount: 3 });
    expect(await total()).toBe(before);
  });

  it("writes one message.created event per message, numbered per workshop without gaps", async () => {
    const booking = await createBookingFixture(services.db, workshop.workshop.id);
    const sent = await send({ booking_id: booking.id, body: "Event", sender_type: "customer" });
    const events = await services.db.event.findMany({ where: { workshopId: workshop.workshop.id }, orderBy: { seq: "asc" } });
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    expect(events.at(-1)).toMatchObject({
      type: "message.created",
      bookingId: booking.id,
      payload: { message: { id: sent.message.id }, unread_count: 1 },
    });
  });

  it("names the sender: the customer, the staff member, or the workshop for a partner token", async () => {
    const booking = await createBookingFixture(services.db, workshop.workshop.id, { customerName: "Kari Kunde" });
    const user = await services.db.user.create({
      data: { workshopId: workshop.workshop.id, email: `ansatt-${booking.id}@example.no`, name: "Per Ansatt", passwordHash: "x" },
    });
    const staff: Actor = { kind: "staff", userId: user.id, sessionId: "s", name: user.name, role: "STAFF" };
    expect((await send({ booking_id: booking.id, body: "a", sender_type: "customer" })).message.sender).toBe("Kari Kunde");
    expect((await send({ booking_id: booking.id, body: "b" }, staff)).message.sender).toBe("Per Ansatt");
    expect((await send({ booking_id: booking.id, body: "c" })).message.sender).toBe("Send Bil");
  });

  it("does not let signed-in staff write as the customer", async () => {
    const staff: Actor = { kind: "staff", userId: "u", sessionId: "s", name: "Per", role: "STAFF" };
    await expect(send({ booking_id: workshop.booking.id, body: "Jeg er kunden", sender_type: "customer" }, staff)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("removes the files it stored when storing a later one fails", async () => {
    const before = await filesOnDisk();
    const messages = await services.db.message.count();
    let puts = 0;
    const failing: AttachmentStorage = {
      ...services.storage,
      put: (key, data) => (++puts === 2 ? Promise.reject(new Error("disk full")) : services.storage.put(key, data)),
      get: (key) => services.storage.get(key),
      delete: (key) => services.storage.delete(key),
      discard: (object) => services.storage.discard(object),
      list: () => services.storage.list(),
      check: () => services.storage.check(),
    };
    const files = [file(PNG_BYTES, "a.png", "image/png"), file(PNG_BYTES, "b.png", "image/png")];
    await expect(
      send({ booking_id: workshop.booking.id, body: "To bilder", attachments: files }, workshop.auth.actor, failing),
    ).rejects.toThrow("disk full");
    expect(await filesOnDisk()).toEqual(before);
    expect(await services.db.message.count()).toBe(messages);
  });

  it("removes the stored files when the message cannot be written", async () => {
    const booking = await createBookingFixture(services.db, workshop.workshop.id);
    const before = await filesOnDisk();
    // The thread goes away between the check and the write: the transaction fails.
    const vanishing: AttachmentStorage = {
      put: async (key, data) => {
        const result = await services.storage.put(key, data);
        await services.db.thread.delete({ where: { bookingId: booking.id } });
        return result;
      },
      get: (key) => services.storage.get(key),
      delete: (key) => services.storage.delete(key),
      discard: (object) => services.storage.discard(object),
      list: () => services.storage.list(),
      check: () => services.storage.check(),
    };
    await expect(
      send({ booking_id: booking.id, attachments: [file(PNG_BYTES, "a.png", "image/png")] }, workshop.auth.actor, vanishing),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await filesOnDisk()).toEqual(before);
    expect(await services.db.attachment.count({ where: { message: { bookingId: booking.id } } })).toBe(0);
  });
});
