import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymousCaller, ghostStaffCaller, staffCaller, tokenCaller } from "../testing/callers";
import { hashPassword } from "../auth/password";
import { createTestServices, type TestServices } from "../testing/test-services";
import { createWorkshopFixture } from "../testing/fixtures";
import { PNG_BYTES, file } from "../testing/sample-files";

// The procedures as the web app calls them: a signed-in staff session resolves to its workshop
// through the same context as a Bearer token.

let services: TestServices;
let nordlys: Awaited<ReturnType<typeof createWorkshopFixture>>;
let fjord: Awaited<ReturnType<typeof createWorkshopFixture>>;
let kari: { id: string };

const asStaff = (userId: string) => staffCaller(services, userId);
const asToken = async (secret: string) => tokenCaller(services, secret);

beforeAll(async () => {
  services = await createTestServices();
  nordlys = await createWorkshopFixture(services.db, "Nordlys");
  fjord = await createWorkshopFixture(services.db, "Fjord");
  kari = await services.db.user.create({
    data: {
      workshopId: nordlys.workshop.id,
      email: "kari@example.no",
      name: "Kari Nordmann",
      role: "OWNER",
      passwordHash: await hashPassword("hemmelig"),
    },
  });
});
afterAll(() => services?.close());

describe("messages procedures", () => {
  it("serve a staff session its own workshop: list, thread, send, mark read, unread total", async () => {
    const customer = await asToken(nordlys.token.secret);
    await customer.messages.send({ booking_id: nordlys.booking.id, body: "Når er bilen klar?", sender_type: "customer" });
    const staff = await asStaff(kari.id);
    expect((await staff.messages.unreadSummary()).total_unread).toBe(1);
    const list = await staff.messages.list({});
    expect(list.data.map((thread) => thread.booking_id)).toEqual([nordlys.booking.id]);
    const thread = await staff.messages.thread({ booking_id: nordlys.booking.id });
    expect(thread.data.messages.map((m) => m.body)).toEqual(["Når er bilen klar?"]);
    await staff.messages.markRead({ booking_id: nordlys.booking.id });
    expect((await staff.messages.unreadSummary()).total_unread).toBe(0);
    const sent = await staff.messages.send({ booking_id: nordlys.booking.id, body: "I morgen kl. 12" });
    expect(sent.message).toMatchObject({ sender: "Kari Nordmann", sender_type: "workshop" });
  });

  it("take FormData with files from the browser", async () => {
    const staff = await asStaff(kari.id);
    const form = new FormData();
    form.set("booking_id", String(nordlys.booking.id));
    form.set("body", "Bilde");
    form.append("attachments", file(PNG_BYTES, "bilde.png", "image/png"));
    const sent = await staff.messages.send(form);
    expect(sent.message.attachments).toMatchObject([{ file_name: "bilde.png", content_type: "image/png" }]);
  });

  it("never let a staff member read or write another workshop's thread", async () => {
    const staff = await asStaff(kari.id);
    await expect(staff.messages.thread({ booking_id: fjord.booking.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(staff.messages.send({ booking_id: fjord.booking.id, body: "Hei" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(staff.messages.markRead({ booking_id: fjord.booking.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await services.db.message.count({ where: { bookingId: fjord.booking.id } })).toBe(0);
  });

  it("refuse callers without a valid session or token", async () => {
    const anonymous = anonymousCaller(services);
    await expect(anonymous.messages.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const ghost = ghostStaffCaller(services, kari.id);
    await expect(ghost.messages.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await services.db.user.update({ where: { id: kari.id }, data: { disabledAt: new Date() } });
    await expect((await asStaff(kari.id)).messages.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await services.db.user.update({ where: { id: kari.id }, data: { disabledAt: null } });
  });

  it("refuse invalid input with the field named", async () => {
    const staff = await asStaff(kari.id);
    // The same status and sentence as REST: 422, naming the field.
    await expect(staff.messages.send({ booking_id: nordlys.booking.id, body: " " })).rejects.toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      message: "Validation failed: body: A message needs a non-blank body or at least one file",
      cause: { details: [{ field: "body", message: "A message needs a non-blank body or at least one file" }] },
    });
  });
});
