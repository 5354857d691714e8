import { connect, type Socket } from "node:net";
import { readdir } from "node:fs/promises";
import { rawExchange } from "../testing/raw-exchange";
import { tmpdir } from "node:os";
import { Agent, request as httpRequest } from "node:http";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ATTACHMENT_LIMITS } from "@minbil/contracts/limits";
import { createTestServices, type TestServices } from "../testing/test-services";
import { createWorkshopFixture } from "../testing/fixtures";
import { checkedFetch, createTestHttpApp } from "../testing/test-http";
import { PNG_BYTES, file, pngOfSize } from "../testing/sample-files";
import { UPLOAD_TEMP_PREFIX } from "./multipart";

// The HTTP server as clients meet it over real sockets: limits, refusals and what they do to the
// connection. A short body window keeps the trickle tests fast.
vi.hoisted(() => {
  process.env.HTTP_BODY_TIMEOUT_MS = "1000";
});

const MB = 1024 * 1024;
let services: TestServices;
let app: FastifyInstance;
let base: string;
let port: number;
let nordlys: Awaited<ReturnType<typeof createWorkshopFixture>>;

beforeAll(async () => {
  services = await createTestServices();
  nordlys = await createWorkshopFixture(services.db, "Socket Bil");
  app = await createTestHttpApp(services);
  await app.listen({ port: 0, host: "127.0.0.1" });
  port = (app.server.address() as { port: number }).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await app?.close();
  await services?.close();
});

const auth = () => ({ Authorization: `Bearer ${nordlys.token.secret}` });

function uploadForm(files: File[], body = "Vedlegg") {
  const form = new FormData();
  form.set("booking_id", String(nordlys.booking.id));
  form.set("body", body);
  for (const item of files) form.append("attachments", item);
  return form;
}

async function uploadTempFolders(): Promise<number> {
  return (await readdir(tmpdir())).filter((name) => name.startsWith(UPLOAD_TEMP_PREFIX)).length;
}

describe("request bodies", () => {
  it("answers what Node's HTTP parser refuses in our error shape: a control character in a header, headers over 16 KB", async () => {
    // A client that keeps its side of the connection open after the answer (allowHalfOpen).
    const open: Socket[] = [];
    const raw = (head: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect({ port, host: "127.0.0.1", allowHalfOpen: true }, () =>
          socket.write(`GET /api/ws/messages HTTP/1.1\r\nHost: x\r\n${head}\r\n\r\n`),
        );
        open.push(socket);
        let answer = "";
        socket.on("data", (chunk) => (answer += chunk.toString("latin1")));
        socket.on("end", () => resolve(answer));
        socket.on("error", reject);
      });
    const control = await raw("Idempotency-Key: a\x01b");
    expect(control).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(control.slice(control.indexOf("\r\n\r\n") + 4))).toMatchObject({ success: false, error: { code: "BAD_REQUEST" } });
    // The server closes its side too: a client that keeps its own open holds no connection of ours.
    await expect.poll(() => new Promise<number>((resolve) => app.server.getConnections((_error, count) => resolve(count)))).toBe(0);
    const huge = await raw(`X-Filler: ${"a".repeat(20_000)}`);
    expect(huge).toMatch(/^HTTP\/1\.1 431 /);
    expect(JSON.parse(huge.slice(huge.indexOf("\r\n\r\n") + 4))).toMatchObject({ success: false, error: { code: "HEADERS_TOO_LARGE" } });
    for (const socket of open) socket.destroy();
  });

  it("answers 413 from Content-Length without reading the body", async () => {
    const head = [
      "POST /api/ws/messages HTTP/1.1",
      "Host: localhost",
      `Authorization: Bearer ${nordlys.token.secret}`,
      "Content-Type: multipart/form-data; boundary=x",
      `Content-Length: ${40 * MB}`,
      "",
      "",
    ].join("\r\n");
    const { statusLine, ms } = await rawExchange(port, head, (socket) => socket.write(Buffer.alloc(1024)));
    expect(statusLine).toBe("HTTP/1.1 413 Payload Too Large");
    expect(ms).toBeLessThan(2000);
  });

  it("authenticates before reading an upload: a caller without a token is refused at once", async () => {
    const head = [
      "POST /api/ws/messages/thread/1/send HTTP/1.1",
      "Host: localhost",
      "Content-Type: multipart/form-data; boundary=x",
      `Content-Length: ${9 * MB}`,
      "",
      "",
    ].join("\r\n");
    // Only the first kilobyte of the 9 MB is ever sent: the answer must not wait for the rest.
    const { statusLine, ms } = await rawExchange(port, head, (socket) => socket.write(Buffer.alloc(1024)));
    expect(statusLine).toBe("HTTP/1.1 401 Unauthorized");
    expect(ms).toBeLessThan(1000);
  });

  it("checks the booking in the path before reading the upload", async () => {
    const head = [
      "POST /api/ws/messages/thread/999999/send HTTP/1.1",
      "Host: localhost",
      `Authorization: Bearer ${nordlys.token.secret}`,
      "Content-Type: multipart/form-data; boundary=x",
      `Content-Length: ${9 * MB}`,
      "",
      "",
    ].join("\r\n");
    const { statusLine } = await rawExchange(port, head, (socket) => socket.write(Buffer.alloc(1024)));
    expect(statusLine).toBe("HTTP/1.1 404 Not Found");
  });

  it("cuts off a body that trickles in (408), within the body window", async () => {
    const head = [
      "POST /api/ws/messages HTTP/1.1",
      "Host: localhost",
      `Authorization: Bearer ${nordlys.token.secret}`,
      "Content-Type: application/json",
      "Content-Length: 100000",
      "",
      "",
    ].join("\r\n");
    let timer: NodeJS.Timeout | undefined;
    const { statusLine, ms } = await rawExchange(port, head, (socket) => {
      timer = setInterval(() => socket.writable && socket.write(" "), 100);
    });
    clearInterval(timer);
    expect(statusLine).toBe("HTTP/1.1 408 Request Timeout");
    expect(ms).toBeLessThan(3000);
  });

  it("keeps the connection usable after a refused upload (no reset), with fetch and with a keep-alive agent", async () => {
    const tooBig = await checkedFetch(`${base}/api/ws/messages`, {
      method: "POST",
      headers: auth(),
      body: uploadForm([file(pngOfSize(ATTACHMENT_LIMITS.maxFileBytes + 1), "stor.png", "image/png")]),
    });
    expect(tooBig.status).toBe(413);
    expect((await checkedFetch(`${base}/api/ws/messages`, { headers: auth() })).status).toBe(200);

    const tooMany = await checkedFetch(`${base}/api/ws/messages`, {
      method: "POST",
      headers: auth(),
      body: uploadForm(Array.from({ length: 11 }, (_, i) => file(PNG_BYTES, `b${i}.png`, "image/png"))),
    });
    expect(tooMany.status).toBe(422);
    expect((await checkedFetch(`${base}/api/ws/messages`, { headers: auth() })).status).toBe(200);

    // One socket for both requests: the refused upload's connection is the one reused.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<unknown>();
    const send = (method: string, body?: Buffer, headers: Record<string, string> = {}) =>
      new Promise<number>((resolve, reject) => {
        const req = httpRequest(`${base}/api/ws/messages`, { method, agent, headers: { ...auth(), ...headers } }, (res) => {
          sockets.add(res.socket);
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        });
        req.on("error", reject);
        req.end(body);
      });
    const big = await new Request("http://x", { method: "POST", body: uploadForm([file(pngOfSize(11 * MB), "stor.png", "image/png")]) });
    const bytes = Buffer.from(await big.arrayBuffer());
    expect(await send("POST", bytes, { "Content-Type": big.headers.get("content-type")! })).toBe(413);
    expect(await send("GET")).toBe(200);
    expect(sockets.size).toBe(1);
    agent.destroy();
  });

  it("leaves no temporary upload folder and no uncaught error behind after many refused uploads", async () => {
    const before = await uploadTempFolders();
    const refused = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        checkedFetch(`${base}/api/ws/messages`, {
          method: "POST",
          headers: auth(),
          body:
            i % 2
              ? uploadForm(Array.from({ length: 11 }, (_, n) => file(PNG_BYTES, `b${n}.png`, "image/png")))
              : uploadForm([
                  file(PNG_BYTES, "a.png", "image/png"),
                  file(pngOfSize(ATTACHMENT_LIMITS.maxFileBytes + 1), "stor.png", "image/png"),
                ]),
        }).then((res) => res.status),
      ),
    );
    expect(new Set(refused)).toEqual(new Set([413, 422]));
    await expect.poll(uploadTempFolders).toBe(before);
  });
});

describe("file size limits mean the same over REST and tRPC", () => {
  const trpcSend = (form: FormData) => fetch(`${base}/api/trpc/messages.send`, { method: "POST", headers: auth(), body: form });
  const restSend = (form: FormData) => checkedFetch(`${base}/api/ws/messages`, { method: "POST", headers: auth(), body: form });

  it("takes a file of exactly 10 MB and refuses one byte more with 413, on both", async () => {
    const exact = () => uploadForm([file(pngOfSize(ATTACHMENT_LIMITS.maxFileBytes), "akkurat.png", "image/png")]);
    const over = () => uploadForm([file(pngOfSize(ATTACHMENT_LIMITS.maxFileBytes + 1), "for-stor.png", "image/png")]);
    expect((await restSend(exact())).status).toBe(201);
    expect((await trpcSend(exact())).status).toBe(200);
    const restOver = await restSend(over());
    const trpcOver = await trpcSend(over());
    expect(restOver.status).toBe(413);
    expect(trpcOver.status).toBe(413);
    expect((await restOver.json()).message).toMatch(/for-stor\.png.*10 MB/);
    expect((await trpcOver.json()).error.data.appCode).toBe("PAYLOAD_TOO_LARGE");
  });

  it("answers 413 for a request over 25 MB, on both", async () => {
    const files = () => uploadForm([1, 2, 3].map((n) => file(pngOfSize(8.5 * MB), `del-${n}.png`, "image/png")));
    expect((await restSend(files())).status).toBe(413);
    expect((await trpcSend(files())).status).toBe(413);
  });

  it("refuses a tRPC body without Content-Length once it passes the limit, without reading it whole", async () => {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 100 * MB) return controller.close();
        sent += MB;
        controller.enqueue(new Uint8Array(MB).fill(32));
      },
    });
    const res = await fetch(`${base}/api/trpc/messages.send`, {
      method: "POST",
      headers: { ...auth(), "Content-Type": "application/json" },
      body,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(40 * MB);
  });

  it("bounds the number of procedures in one tRPC batch", async () => {
    const paths = Array.from({ length: 11 }, () => "messages.unreadSummary").join(",");
    const res = await fetch(`${base}/api/trpc/${paths}?batch=1&input=${encodeURIComponent("{}")}`, { headers: auth() });
    expect(res.status).toBe(400);
    expect((await res.json()).message).toMatch(/At most 10 procedures/);
  });
});
