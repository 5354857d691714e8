import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withPool, type Database } from "@minbil/db/open-database";
import { LocalDiskStorage } from "../attachments/local-disk-storage";
import { createInProcessEventBus } from "../events/event-bus";
import { createTestServices, type TestServices } from "../testing/test-services";
import { createWorkshopFixture } from "../testing/fixtures";
import { createTestHttpApp, fetchApp } from "../testing/test-http";
import type { AttachmentStorage } from "../attachments/storage";
import { PNG_BYTES, file } from "../testing/sample-files";

// What an answer may say when something fails on our side: REST and tRPC give the same sentences, a
// database that cannot be reached is a 503 to retry, and internals (SQL, hosts, file paths) stay in logs.

let services: TestServices;
let workshop: Awaited<ReturnType<typeof createWorkshopFixture>>;
let unreachable: Database;

beforeAll(async () => {
  services = await createTestServices();
  workshop = await createWorkshopFixture(services.db, "Feil Bil");
  // A PostgreSQL server that is not there: nothing listens on port 1.
  unreachable = withPool(
    "postgres",
    new pg.Pool({ connectionString: "postgresql://postgres@127.0.0.1:1/none", connectionTimeoutMillis: 1000 }),
  );
});
afterAll(async () => {
  await unreachable?.close();
  await services?.close();
});

describe("while the database cannot be reached", () => {
  it("answers 503 SERVICE_UNAVAILABLE with Retry-After, over REST and tRPC, naming no host or port", async () => {
    const call = fetchApp(
      await createTestHttpApp({
        ...services,
        db: unreachable.prisma,
        storage: new LocalDiskStorage(services.storageDir),
        events: createInProcessEventBus(),
      }),
    );
    const headers = { Authorization: "Bearer mbw_anything", "Content-Type": "application/json" };
    for (const res of [
      await call("/api/ws/messages", { headers }),
      await call("/api/ws/messages", { method: "POST", headers, body: JSON.stringify({ booking_id: 1, body: "x" }) }),
      await call("/api/trpc/messages.list?input=%7B%7D", { headers }),
    ]) {
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("5");
      const text = await res.text();
      expect(text).toMatch(/SERVICE_UNAVAILABLE/);
      expect(text).not.toMatch(/127\.0\.0\.1|:1\b|reach database server/);
    }
  });
});

describe("tRPC errors", () => {
  it("say what REST says for invalid input: a sentence naming the field, not a dump of issues", async () => {
    const call = fetchApp(await createTestHttpApp(services));
    const auth = { Authorization: `Bearer ${workshop.token.secret}`, "Content-Type": "application/json" };
    const trpc = await call("/api/trpc/messages.send", {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ booking_id: "abc", body: "x" }),
    });
    const rest = await call("/api/ws/messages", { method: "POST", headers: auth, body: JSON.stringify({ booking_id: "abc", body: "x" }) });
    expect(trpc.status).toBe(422);
    const { error } = await trpc.json();
    expect(error.message).toBe((await rest.json()).message);
    expect(error.message).toBe("Validation failed: booking_id must be a positive whole number");
    expect(error.data).toMatchObject({ appCode: "VALIDATION_FAILED", details: [{ field: "booking_id", message: expect.any(String) }] });
    expect(error.data.stack).toBeUndefined();
  });

  it("call input that is not JSON the client's mistake (400 saying so), not ours", async () => {
    const call = fetchApp(await createTestHttpApp(services));
    const res = await call("/api/trpc/messages.thread?input=notjson", { headers: { Authorization: `Bearer ${workshop.token.secret}` } });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.message).toMatch(/not valid JSON/);
    expect(error.data.appCode).toBe("BAD_REQUEST");
  });

  it("hide internal failures behind a generic sentence", async () => {
    const broken: AttachmentStorage = {
      put: () => Promise.reject(new Error("EACCES: permission denied, open '/var/lib/minbil/secret/att_1'")),
      get: () => Promise.resolve(null),
      delete: () => Promise.resolve(),
      discard: () => Promise.resolve(),
      list: () => services.storage.list(),
      check: () => Promise.resolve(),
    };
    const call = fetchApp(await createTestHttpApp({ ...services, storage: broken }));
    const form = new FormData();
    form.set("booking_id", String(workshop.booking.id));
    form.append("attachments", file(PNG_BYTES, "a.png", "image/png"));
    for (const path of ["/api/trpc/messages.send", "/api/ws/messages"]) {
      const res = await call(path, { method: "POST", headers: { Authorization: `Bearer ${workshop.token.secret}` }, body: form });
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(text).toMatch(/Something went wrong on our side/);
      expect(text).not.toMatch(/EACCES|\/var\/lib/);
    }
  });
});
