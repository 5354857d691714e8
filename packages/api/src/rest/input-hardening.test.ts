import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestServices, type TestServices } from "../testing/test-services";
import { createBookingFixture, createWorkshopFixture } from "../testing/fixtures";
import { PNG_BYTES } from "../testing/sample-files";
import { createTestHttpApp, fetchApp } from "../testing/test-http";
import { encodeCursor } from "../messages/cursor";

// What a careful integrator (or an attacker) sends that a happy-path client never does: each answer is
// a 4xx naming the problem, in one error shape, and nothing half-written stays behind.

let services: TestServices;
let call: ReturnType<typeof fetchApp>;
let workshop: Awaited<ReturnType<typeof createWorkshopFixture>>;
let token: string;

beforeAll(async () => {
  services = await createTestServices();
  call = fetchApp(await createTestHttpApp(services));
  workshop = await createWorkshopFixture(services.db, "Grundig Bil");
  token = workshop.token.secret;
});
afterAll(() => services?.close());

const get = (path: string) => call(path, { headers: { Authorization: `Bearer ${token}` } });
const post = (body: unknown, headers: Record<string, string> = {}) =>
  call("/api/ws/messages", {
    method: "POST",
    body: typeof body === "string" || body instanceof Uint8Array || body instanceof FormData ? (body as BodyInit) : JSON.stringify(body),
    headers: { Authorization: `Bearer ${token}`, ...(body instanceof FormData ? {} : { "Content-Type": "application/json" }), ...headers },
  });

/** A multipart body written by hand, for what FormData cannot express (odd file names, many fields). */
function rawMultipart(parts: { name: string; filename?: string; type?: string; content: string | Buffer }[]) {
  const boundary = "----minbil-test-boundary";
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename === undefined ? "" : `; filename="${part.filename}"`}`;
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${part.type ? `Content-Type: ${part.type}\r\n` : ""}\r\n`,
        "latin1",
      ),
    );
    chunks.push(Buffer.isBuffer(part.content) ? part.content : Buffer.from(part.content, "utf8"));
    chunks.push(Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: new Uint8Array(Buffer.concat(chunks)), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function expectError(res: Response, status: number, code: string, field?: string) {
  expect(res.status).toBe(status);
  const body = await res.json();
  expect(body).toMatchObject({ success: false, error: { code } });
  if (field) expect(body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  if (body.error.details !== undefined) expect(Array.isArray(body.error.details)).toBe(true);
  return body as { message: string; error: { details?: { field: string; message: string }[] } };
}

describe("cursors", () => {
  it("refuses forged cursors holding numbers a database column cannot hold (422, not 500)", async () => {
    await expectError(
      await get(`/api/ws/messages?cursor=${encodeCursor([new Date().toISOString(), 2 ** 31])}`),
      422,
      "VALIDATION_FAILED",
      "cursor",
    );
    await expectError(
      await get(`/api/ws/messages/thread/${workshop.booking.id}?cursor=${encodeCursor([2 ** 40])}`),
      422,
      "VALIDATION_FAILED",
      "cursor",
    );
    await expectError(await get(`/api/ws/messages?cursor=${encodeCursor(["not a date", 1])}`), 422, "VALIDATION_FAILED", "cursor");
  });

  it("refuses a cursor dated in a year PostgreSQL has no timestamp for (422, not 500)", async () => {
    for (const at of ["0000-01-01T00:00:00.000Z", "+275760-09-13T00:00:00.000Z"]) {
      await expectError(await get(`/api/ws/messages?cursor=${encodeCursor([at, 1])}`), 422, "VALIDATION_FAILED", "cursor");
      await expectError(await get(`/api/ws/messages?q=bil&cursor=${encodeCursor([at, 1])}`), 422, "VALIDATION_FAILED", "cursor");
    }
    expect((await get(`/api/ws/messages?cursor=${encodeCursor(["0001-01-01T00:00:00.000Z", 1])}`)).status).toBe(200);
  });
});

describe("ids with characters PostgreSQL cannot hold", () => {
  it("answers a NUL byte in a path id with a 4xx naming the problem, not 500", async () => {
    for (const path of ["/api/ws/messages/attachments/att_%00", "/api/ws/messages/attachments/%00"]) {
      const res = await get(path);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(await res.json()).toMatchObject({ success: false });
    }
  });
});

describe("text PostgreSQL cannot store", () => {
  it("refuses a lone UTF-16 surrogate with 422 naming the field, and stores nothing", async () => {
    const before = await services.db.message.count();
    const body = await expectError(
      await post(`{"booking_id": ${workshop.booking.id}, "body": "hei \\ud800"}`),
      422,
      "VALIDATION_FAILED",
      "body",
    );
    expect(body.message).toMatch(/surrogate/);
    await expectError(
      await post({ booking_id: workshop.booking.id, body: "ok", sender_type: "\udfff" }),
      422,
      "VALIDATION_FAILED",
      "sender_type",
    );
    expect(await services.db.message.count()).toBe(before);
  });

  it("refuses a body that is not valid UTF-8 with 400 (never stores replacement characters)", async () => {
    const invalid = new Uint8Array(
      Buffer.concat([Buffer.from(`{"booking_id": ${workshop.booking.id}, "body": "`), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]),
    );
    const body = await expectError(await post(invalid), 400, "BAD_REQUEST");
    expect(body.message).toMatch(/UTF-8/);
    const form = rawMultipart([
      { name: "booking_id", content: String(workshop.booking.id) },
      { name: "body", content: Buffer.from([0x68, 0x65, 0xff, 0x69]) },
    ]);
    await expectError(await post(form.body, { "Content-Type": form.contentType }), 400, "BAD_REQUEST");
  });
});

describe("search", () => {
  it("treats % and _ as the characters they are", async () => {
    const percent = await createBookingFixture(services.db, workshop.workshop.id, { customerName: "Hundre % Service" });
    const underscore = await createBookingFixture(services.db, workshop.workshop.id, { customerName: "Under_Strek AS" });
    const ids = async (q: string) =>
      ((await (await get(`/api/ws/messages?q=${encodeURIComponent(q)}`)).json()).data as { booking_id: number }[]).map((t) => t.booking_id);
    expect(await ids("%")).toEqual([percent.id]);
    expect(await ids("_")).toEqual([underscore.id]);
    expect(await ids("hundre %")).toEqual([percent.id]);
  });
});

describe("file names", () => {
  it.each([
    ["..", "file"],
    ["a/", "a"],
    ["../../etc/passwd", "passwd"],
    ["C:\\temp\\skade.png", "skade.png"],
  ])("keeps a file named %j, under the cleaned name %j (never drops it silently)", async (name, stored) => {
    const form = rawMultipart([
      { name: "booking_id", content: String(workshop.booking.id) },
      { name: "attachments", filename: name, type: "image/png", content: PNG_BYTES },
    ]);
    const res = await post(form.body, { "Content-Type": form.contentType });
    expect(res.status).toBe(201);
    const { data } = await res.json();
    expect(data.attachments).toHaveLength(1);
    expect(data.attachments[0].file_name).toBe(stored);
  });

  it("refuses a file name with a line break inside the quotes as a malformed form (400), storing nothing", async () => {
    const before = await services.db.attachment.count();
    const form = rawMultipart([
      { name: "booking_id", content: String(workshop.booking.id) },
      { name: "attachments", filename: "skade\r\n.png", type: "image/png", content: PNG_BYTES },
    ]);
    await expectError(await post(form.body, { "Content-Type": form.contentType }), 400, "BAD_REQUEST");
    expect(await services.db.attachment.count()).toBe(before);
  });
});

describe("forms", () => {
  it("refuses more than 50 form fields with 422 instead of dropping the rest", async () => {
    const parts = [
      { name: "booking_id", content: String(workshop.booking.id) },
      ...Array.from({ length: 60 }, (_, i) => ({ name: `f${i}`, content: "x" })),
    ];
    const form = rawMultipart(parts);
    const body = await expectError(await post(form.body, { "Content-Type": form.contentType }), 422, "VALIDATION_FAILED");
    expect(body.message).toMatch(/50 form fields/);
  });

  it("refuses two names of one field with different values, naming both", async () => {
    const body = await expectError(
      await post({ booking_id: workshop.booking.id, body: "a", message: "b" }),
      422,
      "VALIDATION_FAILED",
      "body",
    );
    expect(body.message).toMatch(/body and message/);
    await expectError(
      await post({ booking_id: workshop.booking.id, bookingId: workshop.booking.id + 1, body: "a" }),
      422,
      "VALIDATION_FAILED",
      "booking_id",
    );
    // The same value under both names is no conflict.
    expect((await post({ booking_id: workshop.booking.id, bookingId: String(workshop.booking.id), body: "a", text: "a" })).status).toBe(
      201,
    );
  });
});

describe("what the answer says", () => {
  it("names the problem in words a developer can act on", async () => {
    expect((await expectError(await get("/api/ws/messages?limit=abc"), 422, "VALIDATION_FAILED", "limit")).message).toBe(
      "Validation failed: limit must be a whole number from 1 to 100",
    );
    expect((await expectError(await get(`/api/ws/messages?q=${"x".repeat(101)}`), 422, "VALIDATION_FAILED", "q")).message).toBe(
      "Validation failed: q must be at most 100 characters",
    );
    expect((await expectError(await get("/api/ws/messages?unread=yes"), 422, "VALIDATION_FAILED", "unread")).message).toBe(
      "Validation failed: unread: must be true, false, 1 or 0",
    );
    const sendTo = await call("/api/ws/messages/thread/abc/send", {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ body: "Hei" }),
    });
    expect((await expectError(sendTo, 422, "VALIDATION_FAILED", "booking_id")).message).toBe(
      "Validation failed: booking_id must be a positive whole number",
    );
    const retry = (id: string) =>
      call(`/api/ws/messages/${id}/deliveries/retry`, { method: "POST", headers: { Authorization: `Bearer ${token}` } });
    expect((await expectError(await retry("abc"), 422, "VALIDATION_FAILED", "message_id")).message).toBe(
      "Validation failed: message_id must be a positive whole number",
    );
    expect((await expectError(await retry("2147483648"), 422, "VALIDATION_FAILED", "message_id")).message).toBe(
      "Validation failed: message_id is out of range (at most 2147483647)",
    );
  });

  it("answers a compressed body with 415 naming the encoding, and never echoes binary", async () => {
    const body = await expectError(
      await post(new Uint8Array([0x1f, 0x8b, 0x08, 0, 0, 0]), { "Content-Encoding": "gzip" }),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    );
    expect(body.message).toBe("Content-Encoding gzip is not supported: send the body uncompressed");
    const malformed = await expectError(await post("{\u0001\u0002 broken"), 400, "BAD_REQUEST");
    // eslint-disable-next-line no-control-regex -- the point: no control characters echoed back
    expect(malformed.message).not.toMatch(/[\u0000-\u001f]/);
  });

  it("lists refused file types as field problems, like every other problem", async () => {
    const form = rawMultipart([
      { name: "booking_id", content: String(workshop.booking.id) },
      {
        name: "attachments",
        filename: "program.exe",
        type: "application/octet-stream",
        content: Buffer.from("MZ\u0090\u0000 not an image"),
      },
    ]);
    const body = await expectError(
      await post(form.body, { "Content-Type": form.contentType }),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
      "attachments",
    );
    expect(body.error.details![0]!.message).toMatch(/program\.exe/);
  });
});

describe("methods", () => {
  it("OPTIONS lists the methods the endpoint has, and every other method gets 405 with the same list", async () => {
    const options = await call("/api/ws/messages/thread/1", { method: "OPTIONS" });
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("GET, PATCH, HEAD, OPTIONS");
    for (const method of ["POST", "PUT", "DELETE"]) {
      const res = await call("/api/ws/messages/thread/1", { method });
      await expectError(res, 405, "METHOD_NOT_ALLOWED");
      expect(res.headers.get("allow")).toBe("GET, PATCH, HEAD, OPTIONS");
    }
    expect((await call("/api/ws/messages", { method: "OPTIONS" })).headers.get("allow")).toBe("GET, POST, HEAD, OPTIONS");
  });

  it("answers TRACE like any other method the endpoint does not have: 405 with the list", async () => {
    // fetch cannot send TRACE: straight into the server.
    const res = await (await createTestHttpApp(services)).inject({ method: "TRACE", url: "/api/ws/messages" });
    expect(res.statusCode).toBe(405);
    expect(res.json()).toMatchObject({ success: false, error: { code: "METHOD_NOT_ALLOWED" } });
    expect(res.headers.allow).toBe("GET, POST, HEAD, OPTIONS");
  });

  it("sends no CORS headers: the API is for servers, not for other sites' pages", async () => {
    const res = await call("/api/ws/messages", {
      method: "OPTIONS",
      headers: { Origin: "https://elsewhere.example", "Access-Control-Request-Method": "POST" },
    });
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });
});
