import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../auth/api-token";
import { createTestServices, type TestServices } from "../testing/test-services";
import { createBookingFixture, createWorkshopFixture } from "../testing/fixtures";
import { EXE_BYTES, PDF_BYTES, PNG_BYTES, file } from "../testing/sample-files";
import { createTestHttpApp, fetchApp } from "../testing/test-http";
import { apiRateLimitSettings, createApiRateLimits } from "../rate-limits/api-limits";

let services: TestServices;
let call: ReturnType<typeof fetchApp>;
let nordlys: Awaited<ReturnType<typeof createWorkshopFixture>>;
let fjord: Awaited<ReturnType<typeof createWorkshopFixture>>;

beforeAll(async () => {
  services = await createTestServices();
  call = fetchApp(await createTestHttpApp(services));
  nordlys = await createWorkshopFixture(services.db, "Nordlys Bil");
  fjord = await createWorkshopFixture(services.db, "Fjord Auto");
});
afterAll(() => services?.close());

function authed(token: string, init: RequestInit & { headers?: Record<string, string> } = {}) {
  return { ...init, headers: { Authorization: `Bearer ${token}`, ...init.headers } };
}
function json(token: string, body: unknown, headers: Record<string, string> = {}) {
  return authed(token, { method: "POST", body: JSON.stringify(body), headers: { "Content-Type": "application/json", ...headers } });
}

describe("authentication", () => {
  it("answers 401 with WWW-Authenticate when the token is missing", async () => {
    const res = await call("/api/ws/messages");
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await res.json()).toMatchObject({ success: false, error: { code: "UNAUTHORIZED" } });
  });

  it("answers 401 for an unknown token and for the seed's placeholder", async () => {
    for (const token of ["mbw_not-a-token", "YOUR_BEARER_TOKEN"]) {
      const res = await call("/api/ws/messages", authed(token));
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toContain('error="invalid_token"');
    }
  });

  it("refuses a revoked token at once", async () => {
    const token = await createApiToken(services.db, nordlys.workshop.id, "short-lived");
    expect((await call("/api/ws/messages", authed(token.secret))).status).toBe(200);
    await services.db.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
    expect((await call("/api/ws/messages", authed(token.secret))).status).toBe(401);
  });

  it("records when a token was last used", async () => {
    const token = await createApiToken(services.db, nordlys.workshop.id, "usage");
    await call("/api/ws/messages", authed(token.secret));
    const row = await services.db.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.lastUsedAt).toBeInstanceOf(Date);
    expect(row.tokenHash).not.toContain(token.secret);
  });
});

describe("GET /api/ws/messages", () => {
  it("lists the workshop's threads with the documented shape, and only its own", async () => {
    await call(
      "/api/ws/messages",
      json(nordlys.token.secret, { booking_id: nordlys.booking.id, body: "Bilen er klar", sender_type: "customer" }),
    );
    const res = await call("/api/ws/messages", authed(nordlys.token.secret, { headers: { "Content-Type": "application/json" } }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.meta).toEqual({ next_cursor: null, has_more: false });
    expect(body.data.map((t: { booking_id: number }) => t.booking_id)).toEqual([nordlys.booking.id]);
    expect(body.data[0]).toMatchObject({
      booking_id: nordlys.booking.id,
      booking: { id: nordlys.booking.id, status: "confirmed", vehicle: { registration_number: expect.any(String) } },
      customer: { id: nordlys.booking.customerId, name: expect.any(String) },
      last_message: { body: "Bilen er klar", sender_type: "customer" },
      unread_count: 1,
      message_count: 1,
    });
  });

  it("refuses a bad filter with 422 naming it", async () => {
    const res = await call("/api/ws/messages?status=exploded", authed(nordlys.token.secret));
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.code).toBe("VALIDATION_FAILED");
    expect(body.error.details[0].field).toBe("status");
  });

  it("refuses a forged cursor with 422", async () => {
    const res = await call("/api/ws/messages?cursor=bm9wZQ", authed(nordlys.token.secret));
    expect(res.status).toBe(422);
  });
});

describe("GET thread", () => {
  it("answers the same for ?id= and the path form", async () => {
    const id = nordlys.booking.id;
    const byQuery = await call(`/api/ws/messages/thread?id=${id}`, authed(nordlys.token.secret));
    const byPath = await call(`/api/ws/messages/thread/${id}`, authed(nordlys.token.secret));
    expect(byQuery.status).toBe(200);
    expect(byPath.status).toBe(200);
    const a = await byQuery.json();
    expect(await byPath.json()).toEqual(a);
    expect(a.data).toMatchObject({ id, booking_id: id, booking: { id }, customer: { id: nordlys.booking.customerId } });
    expect(a.data.messages[0]).toMatchObject({ booking_id: id, sender_type: "customer", sender: expect.any(String), attachments: [] });
  });

  it("answers 422 without an id and for the literal :booking_id placeholder", async () => {
    const missing = await call("/api/ws/messages/thread", authed(nordlys.token.secret));
    expect(missing.status).toBe(422);
    expect((await missing.json()).message).toMatch(/id/);
    const placeholder = await call("/api/ws/messages/thread/:booking_id", authed(nordlys.token.secret));
    expect(placeholder.status).toBe(422);
    expect((await placeholder.json()).message).toMatch(/booking_id must be a positive whole number/);
  });

  it("answers 404 for an unknown booking and for another workshop's booking alike", async () => {
    const unknown = await call("/api/ws/messages/thread?id=999999", authed(nordlys.token.secret));
    const foreign = await call(`/api/ws/messages/thread?id=${fjord.booking.id}`, authed(nordlys.token.secret));
    expect(unknown.status).toBe(404);
    expect(foreign.status).toBe(404);
    const [a, b] = [await unknown.json(), await foreign.json()];
    expect(a.error.code).toBe("NOT_FOUND");
    expect(b.error.code).toBe("NOT_FOUND");
  });
});

describe("POST send", () => {
  it("sends JSON to /api/ws/messages with 201 and the documented body", async () => {
    const res = await call(
      "/api/ws/messages",
      json(nordlys.token.secret, { booking_id: nordlys.booking.id, body: "  Hei! Bilen er klar.  " }),
    );
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({
      success: true,
      message: "Message sent",
      data: { booking_id: nordlys.booking.id, body: "Hei! Bilen er klar.", sender_type: "workshop", attachments: [] },
    });
    expect(body.data.sender).toBe("Nordlys Bil");
  });

  it("takes the aliases message, content, text and bookingId", async () => {
    for (const field of ["message", "content", "text"]) {
      const res = await call(
        "/api/ws/messages",
        json(nordlys.token.secret, { bookingId: String(nordlys.booking.id), [field]: `via ${field}` }),
      );
      expect(res.status).toBe(201);
      expect((await res.json()).data.body).toBe(`via ${field}`);
    }
  });

  it("sends to the path form, and refuses a body booking_id that contradicts the path", async () => {
    const id = String(nordlys.booking.id);
    const ok = await call(`/api/ws/messages/thread/${id}/send`, json(nordlys.token.secret, { body: "Via stien" }));
    expect(ok.status).toBe(201);
    const clash = await call(`/api/ws/messages/thread/${id}/send`, json(nordlys.token.secret, { body: "x", booking_id: 42 }));
    expect(clash.status).toBe(422);
  });

  it("sends multipart with files under every accepted field name, and serves them back", async () => {
    const form = new FormData();
    form.set("booking_id", String(nordlys.booking.id));
    form.set("body", "Bilder av skaden");
    form.append("attachments", file(PNG_BYTES, "skade.png", "image/png"));
    form.append("attachments[]", file(PDF_BYTES, "faktura.pdf", "application/pdf"));
    form.append("files", file(Buffer.from("Hei, dette er en notat.\n"), "notat.txt", "text/plain"));
    form.append("file", file(PNG_BYTES, "bilde uten type", "application/octet-stream"));
    const res = await call("/api/ws/messages", authed(nordlys.token.secret, { method: "POST", body: form }));
    expect(res.status).toBe(201);
    const { data } = await res.json();
    expect(data.attachments.map((a: { content_type: string }) => a.content_type)).toEqual([
      "image/png",
      "application/pdf",
      "text/plain",
      "image/png",
    ]);
    expect(data.attachments[0]).toMatchObject({
      file_name: "skade.png",
      size: PNG_BYTES.length,
      url: `/api/ws/messages/attachments/${data.attachments[0].id}`,
    });

    const thread = await (await call(`/api/ws/messages/thread?id=${nordlys.booking.id}`, authed(nordlys.token.secret))).json();
    expect(thread.data.messages.find((m: { id: number }) => m.id === data.id).attachments).toEqual(data.attachments);

    const download = await call(data.attachments[0].url, authed(nordlys.token.secret));
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("image/png");
    // The length is announced (not chunked), and an authenticated file is never kept by the browser.
    expect(download.headers.get("content-length")).toBe(String(PNG_BYTES.length));
    expect(download.headers.get("cache-control")).toBe("private, no-store");
    expect(Buffer.from(await download.arrayBuffer())).toEqual(PNG_BYTES);

    const foreign = await call(data.attachments[0].url, authed(fjord.token.secret));
    expect(foreign.status).toBe(404);
    const anonymous = await call(data.attachments[0].url);
    expect(anonymous.status).toBe(401);
  });

  it("accepts a message with only a file", async () => {
    const form = new FormData();
    form.set("booking_id", String(nordlys.booking.id));
    form.append("attachments", file(PNG_BYTES, "bare-bilde.png", "image/png"));
    const res = await call("/api/ws/messages", authed(nordlys.token.secret, { method: "POST", body: form }));
    expect(res.status).toBe(201);
    expect((await res.json()).data.body).toBe("");
  });

  it("answers 422 for the seed's placeholder body and for a blank message", async () => {
    const placeholder = await call("/api/ws/messages", json(nordlys.token.secret, { example_field: "example_value" }));
    expect(placeholder.status).toBe(422);
    const body = await placeholder.json();
    expect(body.error.details.map((d: { field: string }) => d.field)).toContain("booking_id");
    const blank = await call("/api/ws/messages", json(nordlys.token.secret, { booking_id: nordlys.booking.id, body: "   " }));
    expect(blank.status).toBe(422);
    expect((await blank.json()).message).toMatch(/non-blank body or at least one file/);
    const pathPlaceholder = await call(
      "/api/ws/messages/thread/:booking_id/send",
      json(nordlys.token.secret, { example_field: "example_value" }),
    );
    expect(pathPlaceholder.status).toBe(422);
  });

  it("answers 400 for malformed JSON", async () => {
    const res = await call(
      "/api/ws/messages",
      authed(nordlys.token.secret, { method: "POST", body: "{ nope", headers: { "Content-Type": "application/json" } }),
    );
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("BAD_REQUEST");
  });

  it("answers 415 for an unsupported content type and for a disguised executable, storing nothing", async () => {
    const xml = await call(
      "/api/ws/messages",
      authed(nordlys.token.secret, { method: "POST", body: "<message/>", headers: { "Content-Type": "application/xml" } }),
    );
    expect(xml.status).toBe(415);
    const before = await services.db.message.count();
    const form = new FormData();
    form.set("booking_id", String(nordlys.booking.id));
    form.set("body", "Se vedlegg");
    form.append("attachments", file(EXE_BYTES, "bilde.png", "image/png"));
    const res = await call("/api/ws/messages", authed(nordlys.token.secret, { method: "POST", body: form }));
    expect(res.status).toBe(415);
    expect((await res.json()).error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(await services.db.message.count()).toBe(before);
  });

  it("answers 404 when sending to another workshop's booking, and writes nothing there", async () => {
    const before = await services.db.message.count({ where: { bookingId: fjord.booking.id } });
    const res = await call("/api/ws/messages", json(nordlys.token.secret, { booking_id: fjord.booking.id, body: "Feil verksted" }));
    expect(res.status).toBe(404);
    expect(await services.db.message.count({ where: { bookingId: fjord.booking.id } })).toBe(before);
  });

  it("answers 413 for a file over 10 MB, leaving no message and no file behind", async () => {
    const before = await services.db.attachment.count();
    const form = new FormData();
    form.set("booking_id", String(nordlys.booking.id));
    form.set("body", "Stor fil");
    form.append("attachments", file(PNG_BYTES, "ok.png", "image/png"));
    form.append("attachments", file(new Uint8Array(10 * 1024 * 1024 + 1), "stor.png", "image/png"));
    const res = await call("/api/ws/messages", authed(nordlys.token.secret, { method: "POST", body: form }));
    expect(res.status).toBe(413);
    expect((await res.json()).message).toMatch(/stor\.png/);
    expect(await services.db.attachment.count()).toBe(before);
  });

  it("answers 422 for more than 10 files", async () => {
    const form = new FormData();
    form.set("booking_id", String(nordlys.booking.id));
    for (let i = 0; i < 11; i += 1) form.append("attachments", file(PNG_BYTES, `b${i}.png`, "image/png"));
    const res = await call("/api/ws/messages", authed(nordlys.token.secret, { method: "POST", body: form }));
    expect(res.status).toBe(422);
  });
});

describe("Idempotency-Key", () => {
  it("replays a retry with 200 and Idempotent-Replayed, storing nothing new", async () => {
    const body = { booking_id: nordlys.booking.id, body: "Kun én gang" };
    const first = await call("/api/ws/messages", json(nordlys.token.secret, body, { "Idempotency-Key": "retry-1" }));
    expect(first.status).toBe(201);
    const count = await services.db.message.count();
    const retry = await call("/api/ws/messages", json(nordlys.token.secret, body, { "Idempotency-Key": "retry-1" }));
    expect(retry.status).toBe(200);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect((await retry.json()).data).toEqual((await first.json()).data);
    expect(await services.db.message.count()).toBe(count);
  });

  it("answers 422 when a key is reused for a different request", async () => {
    await call(
      "/api/ws/messages",
      json(nordlys.token.secret, { booking_id: nordlys.booking.id, body: "A" }, { "Idempotency-Key": "retry-2" }),
    );
    const res = await call(
      "/api/ws/messages",
      json(nordlys.token.secret, { booking_id: nordlys.booking.id, body: "B" }, { "Idempotency-Key": "retry-2" }),
    );
    expect(res.status).toBe(422);
    expect((await res.json()).error.code).toBe("IDEMPOTENCY_KEY_REUSED");
  });

  it("keeps keys per workshop", async () => {
    const a = await call(
      "/api/ws/messages",
      json(nordlys.token.secret, { booking_id: nordlys.booking.id, body: "A" }, { "Idempotency-Key": "shared" }),
    );
    const b = await call(
      "/api/ws/messages",
      json(fjord.token.secret, { booking_id: fjord.booking.id, body: "B" }, { "Idempotency-Key": "shared" }),
    );
    expect([a.status, b.status]).toEqual([201, 201]);
  });

  it("stores one message for concurrent requests with one key", async () => {
    const booking = await createBookingFixture(services.db, nordlys.workshop.id);
    const body = { booking_id: booking.id, body: "Samtidig" };
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => call("/api/ws/messages", json(nordlys.token.secret, body, { "Idempotency-Key": "concurrent" }))),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    expect(await services.db.message.count({ where: { bookingId: booking.id } })).toBe(1);
  });
});

describe("concurrency", () => {
  it("stores a hundred concurrent sends to one thread once each, in a total order", async () => {
    const booking = await createBookingFixture(services.db, nordlys.workshop.id);
    // A hundred sends at once is more than one token's send budget (limits: http/rate-limit.test.ts).
    const defaults = apiRateLimitSettings();
    const rateLimits = createApiRateLimits({ kind: "memory" }, { ...defaults, quotas: { ...defaults.quotas, send: 1000 } });
    const unlimited = fetchApp(await createTestHttpApp(services, { rateLimits }));
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        unlimited(
          "/api/ws/messages",
          json(nordlys.token.secret, { booking_id: booking.id, body: `Melding ${i}`, sender_type: "customer" }),
        ),
      ),
    );
    expect(responses.every((r) => r.status === 201)).toBe(true);
    const sent = await Promise.all(responses.map(async (r) => (await r.json()).data));
    const thread = await call(`/api/ws/messages/thread?id=${booking.id}&limit=100`, authed(nordlys.token.secret));
    const { data, meta } = await thread.json();
    expect(meta.has_more).toBe(false);
    expect(data.messages).toHaveLength(100);
    expect(data.messages.map((m: { seq: number }) => m.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(new Set(data.messages.map((m: { body: string }) => m.body)).size).toBe(100);
    expect(new Set(sent.map((m: { id: number }) => m.id)).size).toBe(100);
    const listed = await call("/api/ws/messages?limit=100", authed(nordlys.token.secret));
    const summary = (await listed.json()).data.find((t: { booking_id: number }) => t.booking_id === booking.id);
    expect(summary).toMatchObject({ unread_count: 100, message_count: 100, last_message: { id: data.messages[99].id } });
  });
});

describe("odd input", () => {
  it("always answers a 4xx with the error body, never a 5xx, and stores nothing", async () => {
    const before = await services.db.message.count();
    const token = nordlys.token.secret;
    const id = nordlys.booking.id;
    const cases: [string, () => Promise<Response>][] = [
      ["NUL in body", () => call("/api/ws/messages", json(token, { booking_id: id, body: "a\u0000b" }))],
      ["NUL in search", () => call("/api/ws/messages?q=%00x", authed(token))],
      [
        "control characters in the idempotency key",
        () => call("/api/ws/messages", json(token, { booking_id: id, body: "x", idempotency_key: "k\u0000" })),
      ],
      [
        "a JSON array",
        () => call("/api/ws/messages", authed(token, { method: "POST", body: "[1,2]", headers: { "Content-Type": "application/json" } })),
      ],
      [
        "a JSON string",
        () => call("/api/ws/messages", authed(token, { method: "POST", body: '"hei"', headers: { "Content-Type": "application/json" } })),
      ],
      ["a number as body", () => call("/api/ws/messages", json(token, { booking_id: id, body: 42 }))],
      ["a string as attachments", () => call("/api/ws/messages", json(token, { booking_id: id, body: "x", attachments: "fil.png" }))],
      ["a huge booking id", () => call("/api/ws/messages", json(token, { booking_id: 1e30, body: "x" }))],
      ["a negative booking id", () => call("/api/ws/messages/thread?id=-1", authed(token))],
      ["a fractional limit", () => call("/api/ws/messages?limit=2.5", authed(token))],
      ["a zero limit", () => call("/api/ws/messages?limit=0", authed(token))],
      ["a body over 10 000 characters", () => call("/api/ws/messages", json(token, { booking_id: id, body: "x".repeat(10_001) }))],
      ["an unknown sender type", () => call("/api/ws/messages", json(token, { booking_id: id, body: "x", sender_type: "robot" }))],
      [
        "multipart without a boundary",
        () => call("/api/ws/messages", authed(token, { method: "POST", body: "x", headers: { "Content-Type": "multipart/form-data" } })),
      ],
      [
        "broken multipart",
        () =>
          call(
            "/api/ws/messages",
            authed(token, { method: "POST", body: "--b\r\nnonsense", headers: { "Content-Type": "multipart/form-data; boundary=b" } }),
          ),
      ],
      ["a text body without content type", () => call("/api/ws/messages", authed(token, { method: "POST", body: "hei" }))],
      ["a malformed Authorization header", () => call("/api/ws/messages", { headers: { Authorization: "Basic dXNlcjpwYXNz" } })],
      ["an unknown attachment", () => call("/api/ws/messages/attachments/att_nope", authed(token))],
    ];
    for (const [name, call] of cases) {
      const res = await call();
      expect(res.status, name).toBeGreaterThanOrEqual(400);
      expect(res.status, name).toBeLessThan(500);
      const body = await res.json();
      expect(body, name).toMatchObject({ success: false, message: expect.any(String), error: { code: expect.any(String) } });
    }
    expect(await services.db.message.count()).toBe(before);
  });
});
