import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestServices, type TestServices } from "../testing/test-services";
import { createBookingFixture, createWorkshopFixture } from "../testing/fixtures";
import { createTestHttpApp, fetchApp } from "../testing/test-http";
import { staffCaller } from "../testing/callers";
import { FakeTwilio } from "../testing/fake-twilio";
import { SmtpInbox } from "../testing/smtp-inbox";
import { mailgunSignature } from "./email/mailgun-signature";
import { channelServicesFrom, CHANNEL_PATHS } from "./channel-services";
import { startDeliveryWorker, type DeliveryWorker } from "./outbox/delivery-worker";
import { replyAddress } from "./email/reply-address";
import { markSeenByCustomer } from "../customer-page/mark-seen.handler";

// The customer channels as the workshop and its customer meet them: a staff reply goes out by SMS
// (through a fake of Twilio's documented API) and e-mail (to an SMTP server in this process) with the
// customer link; Twilio's signed callbacks and replies come back; failures retry and end failed;
// STOPP and the e-mail's opt-out link are respected; notes never leave the workshop.

const PUBLIC_URL = "http://localhost:5000";
const MAILGUN_KEY = "key-mailgun-test-signing";
const INBOUND_DOMAIN = "svar.minbil.test";

let services: TestServices;
let app: FastifyInstance;
let twilioFake: FakeTwilio;
let smtp: SmtpInbox;
let worker: DeliveryWorker | null = null;
let workshop: Awaited<ReturnType<typeof createWorkshopFixture>>;
let owner: { id: string };

beforeAll(async () => {
  services = await createTestServices();
  twilioFake = new FakeTwilio();
  smtp = new SmtpInbox();
  await Promise.all([twilioFake.start(), smtp.start()]);
  services.publicBaseUrl = PUBLIC_URL;
  services.channels = channelServicesFrom(
    {
      SMTP_URL: smtp.url,
      EMAIL_FROM: "varsel@minbil.test",
      INBOUND_EMAIL_DOMAIN: INBOUND_DOMAIN,
      MAILGUN_WEBHOOK_SIGNING_KEY: MAILGUN_KEY,
      TWILIO_ACCOUNT_SID: twilioFake.accountSid,
      TWILIO_AUTH_TOKEN: twilioFake.authToken,
      TWILIO_FROM: twilioFake.from,
      TWILIO_API_URL: twilioFake.apiUrl,
      // Fast retries: three attempts in all.
      CHANNEL_RETRY_SCHEDULE: "0,50ms,50ms",
    },
    { keyMaterial: randomBytes(32).toString("base64"), publicBaseUrl: PUBLIC_URL },
  );
  app = await createTestHttpApp(services);
  workshop = await createWorkshopFixture(services.db, "Nordlys Bil");
  owner = await services.db.user.create({
    data: { workshopId: workshop.workshop.id, email: "eier@nordlys.test", name: "Kari", role: "OWNER", passwordHash: "x" },
  });
  const caller = await staffCaller(services, owner.id);
  await caller.channels.updateSettings({ sms: true, email: true });
});
afterAll(async () => {
  await app?.close();
  await Promise.all([twilioFake?.close(), smtp?.close()]);
  await services?.close();
});
beforeEach(() => {
  worker = startDeliveryWorker(services);
});
afterEach(async () => {
  // Every notification settled before the next test, so its planned provider failures meet its own sends.
  await vi.waitFor(async () => expect(await services.db.messageDelivery.count({ where: { status: "QUEUED" } })).toBe(0), {
    timeout: 10_000,
    interval: 50,
  });
  await worker?.stop();
  worker = null;
});

async function newBooking(phone = `+47 9${String(Date.now() % 10_000_000).padStart(7, "0")}`) {
  const booking = await createBookingFixture(services.db, workshop.workshop.id);
  const customer = await services.db.customer.update({
    where: { id: (await services.db.booking.findUniqueOrThrow({ where: { id: booking.id } })).customerId },
    data: { phone, email: `kunde-${booking.id}@example.test` },
  });
  return { bookingId: booking.id, phone: phone.replace(/\s/g, ""), email: customer.email! };
}

async function staffWrites(bookingId: number, body: string, visibility: "customer" | "internal" = "customer") {
  const caller = await staffCaller(services, owner.id);
  return (await caller.messages.send({ booking_id: bookingId, body, visibility })).message;
}

async function deliveryOf(messageId: number) {
  const caller = await staffCaller(services, owner.id);
  const message = await services.db.message.findUniqueOrThrow({ where: { id: messageId } });
  const thread = await caller.messages.thread({ booking_id: message.bookingId });
  return thread.data.messages.find((m) => m.id === messageId)!.delivery!;
}

const statusOf = async (messageId: number, channel: "sms" | "email") =>
  (await deliveryOf(messageId)).channels.find((c) => c.channel === channel);

/** Sends go out from the worker a moment after the commit (the first SMTP connection takes a while on a busy machine). */
const eventually = (check: () => Promise<void>) => vi.waitFor(check, { timeout: 10_000, interval: 50 });

const twilioPost = (path: string, fields: Record<string, string>, authToken?: string) => {
  const init = twilioFake.signedRequest(PUBLIC_URL + path, fields, authToken);
  return app.inject({ method: "POST", url: path, headers: init.headers as Record<string, string>, payload: init.body as string });
};

describe("a staff reply to the customer", () => {
  it("notifies the customer by SMS and e-mail with the customer link, and shows them sent", async () => {
    const { bookingId, phone, email } = await newBooking();
    const message = await staffWrites(bookingId, "Bilen er klar til henting. Bremseklossene er byttet.");
    // Queued in the message's own transaction: the answer already shows both channels.
    expect(message.delivery?.channels.map((c) => [c.channel, c.status])).toEqual([
      ["sms", "queued"],
      ["email", "queued"],
    ]);

    await eventually(async () => {
      expect(await statusOf(message.id, "sms")).toMatchObject({ status: "sent", attempts: 1, error: null });
      expect(await statusOf(message.id, "email")).toMatchObject({ status: "sent" });
    });
    const sms = twilioFake.sent.find((s) => s.to === phone)!;
    expect(sms.body).toContain("Bilen er klar til henting");
    expect(sms.body).toMatch(new RegExp(`${PUBLIC_URL}/c/\\S+`));
    expect(sms.body).toContain("STOPP");
    expect(sms.statusCallback).toBe(PUBLIC_URL + CHANNEL_PATHS.twilioStatus);

    const mail = smtp.mails.find((m) => m.to && JSON.stringify(m.to).includes(email))!;
    expect(mail.subject).toContain("Nordlys Bil");
    expect(mail.text).toContain("Bremseklossene er byttet");
    expect(mail.text).toMatch(new RegExp(`${PUBLIC_URL}/c/\\S+`));
    expect(mail.replyTo?.text).toContain(`@${INBOUND_DOMAIN}`);
    const header = (name: string) => mail.headerLines.find((line) => line.key === name)?.line ?? "";
    expect(header("list-unsubscribe")).toContain(CHANNEL_PATHS.emailOptOut);
    expect(header("list-unsubscribe-post")).toContain("List-Unsubscribe=One-Click");

    // Every change is an event for the live inbox and webhooks.
    const events = await services.db.event.findMany({ where: { workshopId: workshop.workshop.id, type: "message.delivery_updated" } });
    expect(events.some((e) => (e.payload as { message_id: number }).message_id === message.id)).toBe(true);
  });

  it("is marked delivered by Twilio's signed status callback, and a forged callback is refused", async () => {
    const { bookingId, phone } = await newBooking();
    const message = await staffWrites(bookingId, "Vi har mottatt bilen.");
    await eventually(async () => expect(await statusOf(message.id, "sms")).toMatchObject({ status: "sent" }));
    const sid = twilioFake.sent.find((s) => s.to === phone)!.sid;

    const forged = await twilioPost(
      CHANNEL_PATHS.twilioStatus,
      { MessageSid: sid, MessageStatus: "failed", ErrorCode: "30003" },
      "wrong-token",
    );
    expect(forged.statusCode).toBe(403);
    const unsigned = await app.inject({
      method: "POST",
      url: CHANNEL_PATHS.twilioStatus,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: `MessageSid=${sid}&MessageStatus=failed`,
    });
    expect(unsigned.statusCode).toBe(403);
    expect(await statusOf(message.id, "sms")).toMatchObject({ status: "sent" });

    const callback = await twilioPost(CHANNEL_PATHS.twilioStatus, {
      MessageSid: sid,
      MessageStatus: "delivered",
      AccountSid: twilioFake.accountSid,
    });
    expect(callback.statusCode).toBeLessThan(300);
    expect(await statusOf(message.id, "sms")).toMatchObject({ status: "delivered" });
    // A late "sent" does not move it back.
    await twilioPost(CHANNEL_PATHS.twilioStatus, { MessageSid: sid, MessageStatus: "sent" });
    expect(await statusOf(message.id, "sms")).toMatchObject({ status: "delivered" });
  });

  it("is retried on the schedule when the provider fails, then marked failed with its reason; staff can send it again", async () => {
    const { bookingId, phone } = await newBooking();
    twilioFake.fail(3, { status: 503, code: 20503, message: "Service Unavailable" });
    const message = await staffWrites(bookingId, "Trenger godkjenning av ekstra arbeid.");
    await eventually(async () => expect(await statusOf(message.id, "sms")).toMatchObject({ status: "failed", attempts: 3 }));
    expect((await statusOf(message.id, "sms"))!.error).toContain("Service Unavailable");
    expect(twilioFake.sent.some((s) => s.to === phone)).toBe(false);

    const caller = await staffCaller(services, owner.id);
    const retried = await caller.channels.retryDelivery({ message_id: message.id });
    expect(retried.delivery.channels.find((c) => c.channel === "sms")).toMatchObject({ status: "queued" });
    await eventually(async () => expect(await statusOf(message.id, "sms")).toMatchObject({ status: "sent", error: null }));
    expect(twilioFake.sent.some((s) => s.to === phone)).toBe(true);
    await expect(caller.channels.retryDelivery({ message_id: message.id })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("is not retried when the provider refuses the number for good", async () => {
    const { bookingId } = await newBooking();
    twilioFake.fail(1, { status: 400, code: 21211, message: "The 'To' number is not a valid phone number." });
    const message = await staffWrites(bookingId, "Hei!");
    await eventually(async () => expect(await statusOf(message.id, "sms")).toMatchObject({ status: "failed", attempts: 1 }));
    expect((await statusOf(message.id, "sms"))!.error).toContain("21211");
  });
});

describe("seen", () => {
  it("follows the customer page: messages up to the thread's customerSeenSeq show seen, with an event each", async () => {
    const { bookingId } = await newBooking();
    const first = await staffWrites(bookingId, "Første melding.");
    const second = await staffWrites(bookingId, "Andre melding.");
    expect((await deliveryOf(first.id)).seen).toBe(false);
    // The customer page reports that it showed the thread to a person, up to the first message.
    const link = { linkId: "lnk_test", workshopId: workshop.workshop.id, bookingId, customerName: "Kunde" };
    expect(await markSeenByCustomer(services, link, { seq: first.seq })).toEqual({ moved: true });
    expect(await markSeenByCustomer(services, link, { seq: first.seq })).toEqual({ moved: false });
    // An event for the message that became seen, none for the other (a "sent" event of the worker may
    // come after the mark, and then also says seen).
    const seenEvents = (await services.db.event.findMany({ where: { bookingId, type: "message.delivery_updated" } })).filter(
      (event) => (event.payload as { delivery: { seen: boolean } }).delivery.seen,
    );
    expect(new Set(seenEvents.map((event) => (event.payload as { message_id: number }).message_id))).toEqual(new Set([first.id]));
    expect((await deliveryOf(first.id)).seen).toBe(true);
    expect((await deliveryOf(second.id)).seen).toBe(false);
  });
});

describe("retrying by hand over REST", () => {
  it("queues a failed e-mail again for a partner's token, and answers 409 and 404 as documented", async () => {
    const { bookingId, email } = await newBooking();
    smtp.refuse(1, 550);
    const message = await staffWrites(bookingId, "Faktura kommer på e-post.");
    await eventually(async () => expect(await statusOf(message.id, "email")).toMatchObject({ status: "failed", attempts: 1 }));
    expect((await statusOf(message.id, "email"))!.error).toContain("No such mailbox");

    const call = fetchApp(app);
    const retry = (id: number | string) =>
      call(`/api/ws/messages/${id}/deliveries/retry`, { method: "POST", headers: { Authorization: `Bearer ${workshop.token.secret}` } });
    const answer = await retry(message.id);
    expect(answer.status).toBe(200);
    expect((await answer.json()).data).toMatchObject({ message_id: message.id, booking_id: bookingId });
    await eventually(async () => expect(await statusOf(message.id, "email")).toMatchObject({ status: "sent" }));
    expect(smtp.mails.some((m) => JSON.stringify(m.to).includes(email))).toBe(true);
    expect((await retry(message.id)).status).toBe(409);
    expect((await retry(2_000_000_000)).status).toBe(404);
    expect((await retry("abc")).status).toBe(422);
  });
});

describe("several app processes", () => {
  it("never send one notification twice: each is claimed by one worker", async () => {
    const second = startDeliveryWorker(services);
    try {
      const { bookingId, phone } = await newBooking();
      const messages: { id: number }[] = [];
      for (let i = 0; i < 8; i++) messages.push(await staffWrites(bookingId, `Melding nummer ${i}`));
      await eventually(async () => {
        for (const message of messages) expect(await statusOf(message.id, "sms")).toMatchObject({ status: "sent", attempts: 1 });
      });
      const bodies = twilioFake.sent.filter((s) => s.to === phone).map((s) => /Melding nummer \d/.exec(s.body)![0]);
      expect(bodies.sort()).toEqual(messages.map((_, i) => `Melding nummer ${i}`));
    } finally {
      await second.stop();
    }
  });
});

describe("internal notes", () => {
  it("never notify the customer", async () => {
    const { bookingId, phone, email } = await newBooking();
    const note = await staffWrites(bookingId, "Kunden er vanskelig, ring før du gjør noe.", "internal");
    expect(note.delivery).toBeNull();
    // A reply after it does go out: the worker ran, and still nothing of the note was sent.
    const reply = await staffWrites(bookingId, "Vi ringer deg i morgen.");
    await eventually(async () => expect(await statusOf(reply.id, "email")).toMatchObject({ status: "sent" }));
    expect(await services.db.messageDelivery.count({ where: { messageId: note.id } })).toBe(0);
    expect(
      twilioFake.sent
        .filter((s) => s.to === phone)
        .map((s) => s.body)
        .join(),
    ).not.toContain("vanskelig");
    expect(
      smtp.mails
        .filter((m) => JSON.stringify(m.to).includes(email))
        .map((m) => m.text)
        .join(),
    ).not.toContain("vanskelig");
  });
});

describe("replies from the customer", () => {
  it("by SMS land in the thread that texted them, as the customer's message", async () => {
    const { bookingId, phone } = await newBooking();
    const message = await staffWrites(bookingId, "Kan vi bytte vindusviskere også?");
    await eventually(async () => expect(await statusOf(message.id, "sms")).toMatchObject({ status: "sent" }));

    const forged = await twilioPost(CHANNEL_PATHS.twilioSms, { From: phone, To: twilioFake.from, Body: "Ja" }, "wrong-token");
    expect(forged.statusCode).toBe(403);
    const answer = await twilioPost(CHANNEL_PATHS.twilioSms, {
      From: phone,
      To: twilioFake.from,
      Body: "Ja, gjerne!",
      MessageSid: "SMin1",
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toContain("<Response>");

    const caller = await staffCaller(services, owner.id);
    const thread = await caller.messages.thread({ booking_id: bookingId });
    const last = thread.data.messages.at(-1)!;
    expect(last).toMatchObject({ body: "Ja, gjerne!", sender_type: "customer", visibility: "customer", delivery: null });
    expect(thread.data.messages.some((m) => m.body === "Ja")).toBe(false);
  });

  it("by e-mail to the thread's reply address land in the thread; a bad signature is refused", async () => {
    const { bookingId, email } = await newBooking();
    const to = replyAddress(services.channels.key, INBOUND_DOMAIN, bookingId);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const token = randomBytes(25).toString("hex");
    const fields = {
      recipient: to,
      sender: email,
      from: `Kunde <${email}>`,
      subject: "Re: Ny melding",
      "body-plain": "Takk!\n\n> sitat",
      "stripped-text": "Takk!",
      timestamp,
      token,
    };
    // As Mailgun forwards it: multipart/form-data, with the customer's photo attached.
    const post = async (signature: string) => {
      const form = new FormData();
      for (const [name, value] of Object.entries({ ...fields, signature })) form.set(name, value);
      form.set("attachment-1", new Blob([Buffer.from("not really a jpeg")], { type: "image/jpeg" }), "bilde.jpg");
      const request = new Request("http://localhost/", { method: "POST", body: form });
      return app.inject({
        method: "POST",
        url: CHANNEL_PATHS.mailgunInbound,
        headers: { "content-type": request.headers.get("content-type")! },
        payload: Buffer.from(await request.arrayBuffer()),
      });
    };
    expect((await post("0".repeat(64))).statusCode).toBe(403);
    expect((await post(mailgunSignature(MAILGUN_KEY, timestamp, token))).statusCode).toBeLessThan(300);
    const caller = await staffCaller(services, owner.id);
    const thread = await caller.messages.thread({ booking_id: bookingId });
    expect(thread.data.messages.at(-1)).toMatchObject({ body: "Takk!", sender_type: "customer" });
  });
});

describe("opting out", () => {
  it("by STOPP stops SMS to that customer, and staff see it; e-mail still goes", async () => {
    const { bookingId, phone } = await newBooking();
    const first = await staffWrites(bookingId, "Timen er bekreftet.");
    await eventually(async () => expect(await statusOf(first.id, "sms")).toMatchObject({ status: "sent" }));
    const messagesBefore = await services.db.message.count({ where: { bookingId } });

    const stop = await twilioPost(CHANNEL_PATHS.twilioSms, { From: phone, To: twilioFake.from, Body: "STOPP" });
    expect(stop.statusCode).toBe(200);
    expect(await services.db.message.count({ where: { bookingId } })).toBe(messagesBefore);

    const caller = await staffCaller(services, owner.id);
    const channels = await caller.channels.thread({ booking_id: bookingId });
    expect(channels.channels.find((c) => c.channel === "sms")).toMatchObject({ status: "opted_out" });
    expect(channels.channels.find((c) => c.channel === "email")).toMatchObject({ status: "on" });

    const sentBefore = twilioFake.sent.filter((s) => s.to === phone).length;
    const second = await staffWrites(bookingId, "Bilen er klar.");
    expect(second.delivery?.channels.map((c) => c.channel)).toEqual(["email"]);
    await eventually(async () => expect(await statusOf(second.id, "email")).toMatchObject({ status: "sent" }));
    expect(twilioFake.sent.filter((s) => s.to === phone).length).toBe(sentBefore);
  });

  it("by the e-mail's link stops e-mail; opening the link alone changes nothing", async () => {
    const { bookingId, email } = await newBooking();
    const first = await staffWrites(bookingId, "Hei fra verkstedet.");
    await eventually(async () => expect(await statusOf(first.id, "email")).toMatchObject({ status: "sent" }));
    const mail = smtp.mails.find((m) => JSON.stringify(m.to).includes(email))!;
    const link = new URL(/https?:\/\/\S+opt-out\S+/.exec(mail.text!)![0]);

    const opened = await app.inject({ method: "GET", url: link.pathname + link.search });
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toContain("<form");
    const caller = await staffCaller(services, owner.id);
    expect((await caller.channels.thread({ booking_id: bookingId })).channels[1]).toMatchObject({ status: "on" });

    const tampered = new URLSearchParams(link.search);
    tampered.set("a", Buffer.from("someone-else@example.test").toString("base64url"));
    const refused = await app.inject({ method: "POST", url: `${link.pathname}?${tampered}`, payload: "" });
    expect(refused.statusCode).toBe(404);

    const confirmed = await app.inject({
      method: "POST",
      url: link.pathname + link.search,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "List-Unsubscribe=One-Click",
    });
    expect(confirmed.statusCode).toBe(200);
    expect((await caller.channels.thread({ booking_id: bookingId })).channels[1]).toMatchObject({ status: "opted_out" });
    const second = await staffWrites(bookingId, "Ny beskjed.");
    expect(second.delivery?.channels.map((c) => c.channel)).toEqual(["sms"]);
  });
});

describe("channel settings", () => {
  it("cannot turn on a channel the server has no provider for, and with both off nothing is queued", async () => {
    const other = await createWorkshopFixture(services.db, "Fjord Auto");
    const otherOwner = await services.db.user.create({
      data: { workshopId: other.workshop.id, email: "eier@fjord.test", name: "Ola", role: "OWNER", passwordHash: "x" },
    });
    const caller = await staffCaller(services, otherOwner.id);
    expect(await caller.channels.settings()).toEqual({
      sms: { enabled: false, configured: true },
      email: { enabled: false, configured: true },
      email_replies: true,
    });
    const sent = (await caller.messages.send({ booking_id: other.booking.id, body: "Hei" })).message;
    expect(sent.delivery).toEqual({ channels: [], seen: false });

    const saved = services.channels.sms;
    services.channels.sms = null;
    try {
      await expect(caller.channels.updateSettings({ sms: true })).rejects.toMatchObject({ code: "CONFLICT" });
      expect((await caller.channels.thread({ booking_id: other.booking.id })).channels[0]).toMatchObject({ status: "not_configured" });
    } finally {
      services.channels.sms = saved;
    }
  });
});
