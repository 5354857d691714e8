import { readdir } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { S3Storage } from "../attachments/s3-storage";
import { startTestS3Server, type TestS3Server } from "../testing/s3-server";
import { createTestServices, type TestServices } from "../testing/test-services";
import { createWorkshopFixture } from "../testing/fixtures";
import { PDF_BYTES, file, pngOfSize } from "../testing/sample-files";
import { createTestHttpApp, fetchApp } from "../testing/test-http";

// With S3_BUCKET set, files sent through the REST API go to the bucket (not the data folder) and the
// download route streams them back from there, byte for byte.

let services: TestServices;
let s3: TestS3Server;
let storage: S3Storage;
let call: ReturnType<typeof fetchApp>;
let workshop: Awaited<ReturnType<typeof createWorkshopFixture>>;

beforeAll(async () => {
  services = await createTestServices();
  s3 = await startTestS3Server();
  storage = S3Storage.fromSettings(s3.settings);
  call = fetchApp(await createTestHttpApp({ ...services, storage }));
  workshop = await createWorkshopFixture(services.db, "Bøtte Bil");
});
afterAll(async () => {
  storage?.close();
  await s3?.close();
  await services?.close();
});

const auth = () => ({ Authorization: `Bearer ${workshop.token.secret}` });

describe("attachments on S3 storage over REST", () => {
  it("stores a sent photo and PDF in the bucket and downloads them back unchanged", async () => {
    // Larger than one 5 MiB part: the upload is a multipart upload.
    const photo = pngOfSize(6 * 1024 * 1024 + 3);
    const form = new FormData();
    form.set("booking_id", String(workshop.booking.id));
    form.set("body", "Bilder fra verkstedet");
    form.append("attachments", file(photo, "skade.png", "image/png"));
    form.append("attachments", file(PDF_BYTES, "tilbud.pdf", "application/pdf"));
    const sent = await call("/api/ws/messages", { method: "POST", headers: auth(), body: form });
    expect(sent.status).toBe(201);
    const { data } = await sent.json();
    expect(data.attachments.map((a: { size: number }) => a.size)).toEqual([photo.length, PDF_BYTES.length]);

    const keys: string[] = [];
    for await (const object of storage.list()) keys.push(object.key);
    expect(keys.sort()).toEqual(data.attachments.map((a: { id: string }) => `${workshop.workshop.id}/${a.id}`).sort());
    expect(await readdir(services.storageDir)).toEqual([]);

    const photoBack = await call(data.attachments[0].url, { headers: auth() });
    expect(photoBack.status).toBe(200);
    expect(photoBack.headers.get("content-length")).toBe(String(photo.length));
    expect(Buffer.compare(Buffer.from(await photoBack.arrayBuffer()), Buffer.from(photo))).toBe(0);
    const pdfBack = await call(data.attachments[1].url, { headers: auth() });
    expect(pdfBack.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await pdfBack.arrayBuffer())).toEqual(PDF_BYTES);
  });

  it("answers 404, not 500, for an attachment whose object is gone from the bucket", async () => {
    const form = new FormData();
    form.set("booking_id", String(workshop.booking.id));
    form.append("attachments", file(PDF_BYTES, "borte.pdf", "application/pdf"));
    const { data } = await (await call("/api/ws/messages", { method: "POST", headers: auth(), body: form })).json();
    await storage.delete(`${workshop.workshop.id}/${data.attachments[0].id}`);
    const res = await call(data.attachments[0].url, { headers: auth() });
    expect(res.status).toBe(404);
  });
});
