import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Prisma } from "@minbil/db/client";
import { getThreadInput } from "@minbil/contracts/messages/get-thread.schema";
import { createTestServices, type TestServices } from "../testing/test-services";
import { createBookingFixture, createWorkshopFixture } from "../testing/fixtures";
import { messageSelect, toMessageDto } from "./message.select";
import { readMessagePage } from "./message-page.sql";
import { getThread } from "./get-thread.handler";

// The thread page is raw SQL (message-page.sql.ts); it must give the rows Prisma's messageSelect gives,
// so the thread's JSON stays the same to the byte, for every kind of message. Runs on PGlite ($queryRaw)
// and, in the TEST_DATABASE_URL pass, on a PostgreSQL server (the pg pool beneath Prisma).

let services: TestServices;
let workshop: Awaited<ReturnType<typeof createWorkshopFixture>>;
const zone = process.env.TZ;
const SEEN_SEQ = 5;

beforeAll(async () => {
  services = await createTestServices();
  // Away from UTC, where reading a `timestamp` as local time would be an hour off.
  process.env.TZ = "Europe/Oslo";
  workshop = await createWorkshopFixture(services.db, "Rå Tråd");
  await buildThread();
});
afterAll(async () => {
  process.env.TZ = zone;
  await services?.close();
});

/** Every kind of message, with times whose fractions PostgreSQL's JSON shortens (.120 → .12, .000 → none). */
async function buildThread() {
  const db = services.db;
  const workshopId = workshop.workshop.id;
  const bookingId = workshop.booking.id;
  let seq = 0;
  const message = (data: Partial<Prisma.MessageUncheckedCreateInput>) => {
    seq += 1;
    return db.message.create({
      data: {
        bookingId,
        workshopId,
        seq,
        senderType: "CUSTOMER",
        senderName: "Kari Nordmann",
        body: `Melding ${seq}`,
        searchBody: `melding ${seq}`,
        createdAt: new Date(Date.UTC(2026, 10, 20, 10, seq, 0, seq * 10)),
        ...data,
      },
    });
  };
  const attach = (messageId: number, id: string, position: number) =>
    db.attachment.create({
      data: {
        id,
        messageId,
        workshopId,
        position,
        fileName: `${id}.jpg`,
        contentType: "image/jpeg",
        size: 1000 + position,
        checksum: "0".repeat(64),
        storageKey: `${workshopId}/${id}`,
      },
    });

  await message({ body: "Hei, bilen lager en lyd" });
  const withFiles = await message({ body: "Her er bilder" });
  // Written out of order: the page gives them by position.
  await attach(withFiles.id, "file-b", 1);
  await attach(withFiles.id, "file-a", 0);

  const estimate = await message({ senderType: "WORKSHOP", senderName: "Verkstedet", kind: "ESTIMATE", body: "Overslag" });
  await attach(estimate.id, "photo-1", 0);
  await db.estimate.create({
    data: {
      id: "estimate-1",
      messageId: estimate.id,
      workshopId,
      bookingId,
      validUntil: new Date("2026-12-01T22:59:59.999Z"),
      lines: {
        create: [
          { id: "line-3", position: 2, description: "Vindusviskere", priceOre: 45_000 },
          {
            id: "line-1",
            position: 0,
            description: "Bremseklosser",
            priceOre: 250_050,
            attachmentId: "photo-1",
            decision: "APPROVED",
            decidedAt: new Date("2026-11-21T08:00:00.000Z"),
            decidedVia: "customer_page",
          },
          {
            id: "line-2",
            position: 1,
            description: "Dekkskift",
            priceOre: 80_000,
            decision: "DECLINED",
            decidedAt: new Date("2026-11-21T08:00:01.5Z"),
            decidedVia: "api",
          },
        ],
      },
    },
  });

  const notified = await message({ senderType: "WORKSHOP", senderName: "Ola på verkstedet", body: "Bilen er klar" });
  // E-mail written first: deliveries come in the channel enum's order (SMS, then EMAIL), as Prisma gives them.
  await db.messageDelivery.create({
    data: {
      id: "delivery-email",
      workshopId,
      bookingId,
      messageId: notified.id,
      channel: "EMAIL",
      recipient: "kari@example.no",
      status: "FAILED",
      error: "550 mailbox unavailable",
      attemptCount: 3,
      updatedAt: new Date("2026-11-21T09:00:00.120Z"),
    },
  });
  await db.messageDelivery.create({
    data: {
      id: "delivery-sms",
      workshopId,
      bookingId,
      messageId: notified.id,
      channel: "SMS",
      recipient: "+4790000000",
      status: "DELIVERED",
      attemptCount: 1,
      updatedAt: new Date("2026-11-21T09:00:00.000Z"),
    },
  });

  await message({
    senderType: "WORKSHOP",
    senderName: "Ola",
    visibility: "INTERNAL",
    body: "@Per ta denne",
    mentionedUserIds: ["user-per"],
  });
  await message({ senderType: "SYSTEM", senderName: "MinBil", body: "Status: Klar for henting" });
  const unseen = await message({ senderType: "WORKSHOP", senderName: "Verkstedet", body: "Ikke sett ennå" });
  await db.messageDelivery.create({
    data: { id: "delivery-queued", workshopId, bookingId, messageId: unseen.id, channel: "SMS", recipient: "+4790000000" },
  });

  // A second estimate, wholly approved: the approved total counts both, whatever page is read.
  const second = await message({ senderType: "WORKSHOP", senderName: "Verkstedet", kind: "ESTIMATE", body: "Tillegg" });
  await db.estimate.create({
    data: {
      id: "estimate-2",
      messageId: second.id,
      workshopId,
      bookingId,
      validUntil: new Date("2026-12-05T22:59:59.999Z"),
      lines: {
        create: [
          {
            id: "line-4",
            position: 0,
            description: "Olje",
            priceOre: 99_900,
            decision: "APPROVED",
            decidedAt: new Date("2026-11-22T07:30:00.001Z"),
          },
        ],
      },
    },
  });
  await message({ body: "Takk!" });
  await db.thread.update({ where: { bookingId }, data: { messageCount: seq, customerSeenSeq: SEEN_SEQ } });
}

/** What Prisma's messageSelect gives (how the thread was read before). */
const prismaPage = (bookingId: number, take: number, beforeSeq?: number) =>
  services.db.message.findMany({
    relationLoadStrategy: "join",
    where: { bookingId, ...(beforeSeq === undefined ? {} : { seq: { lt: beforeSeq } }) },
    orderBy: { seq: "desc" },
    take,
    select: messageSelect,
  });

const prismaApprovedOre = async (bookingId: number) =>
  (
    await services.db.estimateLine.aggregate({
      _sum: { priceOre: true },
      where: { decision: "APPROVED", estimate: { bookingId } },
    })
  )._sum.priceOre ?? 0;

describe("readMessagePage", () => {
  it("gives the rows and the approved total Prisma gives, for every kind of message", async () => {
    const bookingId = workshop.booking.id;
    const page = await readMessagePage(services.db, { bookingId, take: 50 });
    expect(page.rows).toHaveLength(9);
    expect(page.rows).toEqual(await prismaPage(bookingId, 50));
    expect(page.approvedOre).toBe(await prismaApprovedOre(bookingId));
    expect(page.approvedOre).toBe(250_050 + 99_900);
    // The nested times are Dates at the right instant, not strings and not local time.
    const estimate = page.rows.find((row) => row.estimate?.id === "estimate-1")!.estimate!;
    expect(estimate.validUntil.toISOString()).toBe("2026-12-01T22:59:59.999Z");
    expect(estimate.lines.map((line) => line.decidedAt?.toISOString() ?? null)).toEqual([
      "2026-11-21T08:00:00.000Z",
      "2026-11-21T08:00:01.500Z",
      null,
    ]);
    const deliveries = page.rows.find((row) => row.body === "Bilen er klar")!.deliveries;
    expect(deliveries.map((d) => [d.channel, d.updatedAt.toISOString()])).toEqual([
      ["SMS", "2026-11-21T09:00:00.000Z"],
      ["EMAIL", "2026-11-21T09:00:00.120Z"],
    ]);
  });

  it("pages back before a seq, and still gives the total when the page is empty", async () => {
    const bookingId = workshop.booking.id;
    const older = await readMessagePage(services.db, { bookingId, take: 3, beforeSeq: 5 });
    expect(older.rows.map((row) => row.seq)).toEqual([4, 3, 2]);
    expect(older.rows).toEqual(await prismaPage(bookingId, 3, 5));
    expect(older.approvedOre).toBe(250_050 + 99_900);
    expect(await readMessagePage(services.db, { bookingId, take: 3, beforeSeq: 1 })).toEqual({ rows: [], approvedOre: 250_050 + 99_900 });
  });

  it("leaves internal notes out of the customer's page, as Prisma's visibility filter did", async () => {
    const bookingId = workshop.booking.id;
    const customer = await readMessagePage(services.db, { bookingId, take: 51, customerOnly: true });
    expect(customer.rows.map((row) => row.seq)).toEqual([9, 8, 7, 6, 4, 3, 2, 1]);
    expect(customer.rows).toEqual(
      await services.db.message.findMany({
        where: { bookingId, visibility: "CUSTOMER" },
        orderBy: { seq: "desc" },
        take: 51,
        select: messageSelect,
      }),
    );
    const older = await readMessagePage(services.db, { bookingId, take: 2, beforeSeq: 6, customerOnly: true });
    expect(older.rows.map((row) => row.seq)).toEqual([4, 3]);
  });

  it("reads a booking without messages as an empty page", async () => {
    const empty = await createBookingFixture(services.db, workshop.workshop.id);
    expect(await readMessagePage(services.db, { bookingId: empty.id, take: 20 })).toEqual({ rows: [], approvedOre: 0 });
  });
});

describe("getThread on the raw page", () => {
  it("answers the same JSON as Prisma's rows through toMessageDto", async () => {
    const bookingId = workshop.booking.id;
    const thread = await getThread(
      { db: services.db, workshopId: workshop.workshop.id },
      getThreadInput.parse({ booking_id: bookingId, limit: 50 }),
    );
    const expected = (await prismaPage(bookingId, 51)).reverse().map((row) => toMessageDto(row, SEEN_SEQ));
    expect(JSON.stringify(thread.data.messages)).toBe(JSON.stringify(expected));
    expect(thread.data.approved_total_nok).toBe(3499.5);
    // Spot checks of what the comparison covers: a seen and an unseen delivery, a note without one.
    const bySeq = new Map(thread.data.messages.map((m) => [m.seq, m]));
    expect(bySeq.get(4)!.delivery).toEqual({
      channels: [
        { channel: "sms", status: "delivered", error: null, attempts: 1, updated_at: "2026-11-21T09:00:00.000Z" },
        { channel: "email", status: "failed", error: "550 mailbox unavailable", attempts: 3, updated_at: "2026-11-21T09:00:00.120Z" },
      ],
      seen: true,
    });
    expect(bySeq.get(7)!.delivery).toMatchObject({ seen: false });
    expect(bySeq.get(5)).toMatchObject({ visibility: "internal", mentioned_user_ids: ["user-per"], delivery: null });
    expect(bySeq.get(6)).toMatchObject({ sender_type: "system", delivery: null });
    expect(bySeq.get(3)!.estimate).toMatchObject({ valid_until: "2026-12-01", total_nok: 3750.5, approved_total_nok: 2500.5 });
  });

  it("pages with the cursor as before", async () => {
    const read = (input: Record<string, unknown>) =>
      getThread({ db: services.db, workshopId: workshop.workshop.id }, getThreadInput.parse({ booking_id: workshop.booking.id, ...input }));
    const newest = await read({ limit: 4 });
    expect(newest.data.messages.map((m) => m.seq)).toEqual([6, 7, 8, 9]);
    const older = await read({ limit: 4, cursor: newest.meta.next_cursor });
    const expected = (await prismaPage(workshop.booking.id, 4, 6)).reverse().map((row) => toMessageDto(row, SEEN_SEQ));
    expect(JSON.stringify(older.data.messages)).toBe(JSON.stringify(expected));
    expect(older.data.approved_total_nok).toBe(3499.5);
  });
});
