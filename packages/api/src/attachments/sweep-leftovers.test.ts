import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdir, mkdtemp, readdir, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestServices, type TestServices } from "../testing/test-services";
import { createWorkshopFixture } from "../testing/fixtures";
import { PNG_BYTES, file } from "../testing/sample-files";
import { sendMessage } from "../messages/send-message.handler";
import { UPLOAD_TEMP_PREFIX } from "../http/multipart";
import { startTestS3Server, type TestS3Server } from "../testing/s3-server";
import { S3Storage } from "./s3-storage";
import { sweepLeftovers } from "./sweep-leftovers";

// What a crash mid-upload leaves behind (a file without its message, an unfinished write, a temporary
// upload folder) is removed once it is an hour old; files of stored messages and young files stay.

let services: TestServices;
let workshop: Awaited<ReturnType<typeof createWorkshopFixture>>;

beforeAll(async () => {
  services = await createTestServices();
  workshop = await createWorkshopFixture(services.db, "Rydde Bil");
});
afterAll(() => services?.close());

const TWO_HOURS_AGO = new Date(Date.now() - 2 * 60 * 60 * 1000);

async function leave(relative: string, age: Date): Promise<string> {
  const full = path.join(services.storageDir, relative);
  await mkdir(path.dirname(full), { recursive: true });
  await writeFile(full, "rest");
  await utimes(full, age, age);
  return full;
}

async function storedFiles(): Promise<string[]> {
  const entries = await readdir(services.storageDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(services.storageDir, path.join(entry.parentPath, entry.name)))
    .sort();
}

describe("sweepLeftovers", () => {
  it("removes old orphans, unfinished writes and temporary upload folders, and keeps the rest", async () => {
    const sent = await sendMessage(
      { ...services, workshopId: workshop.workshop.id, actor: workshop.auth.actor },
      { booking_id: workshop.booking.id, body: "Bilde", sender_type: "workshop", attachments: [file(PNG_BYTES, "a.png", "image/png")] },
    );
    const kept = `${workshop.workshop.id}/${sent.message.attachments[0]!.id}`;
    // The stored file is old too: being referenced is what keeps it.
    await utimes(path.join(services.storageDir, kept), TWO_HOURS_AGO, TWO_HOURS_AGO);
    await leave(`${workshop.workshop.id}/att_orphan`, TWO_HOURS_AGO);
    await leave(`${workshop.workshop.id}/att_crash.1a2b3c4d.partial`, TWO_HOURS_AGO);
    await leave(`${workshop.workshop.id}/att_in_progress`, new Date());
    const oldUpload = await mkdtemp(path.join(tmpdir(), UPLOAD_TEMP_PREFIX));
    await writeFile(path.join(oldUpload, "part"), "x");
    await utimes(oldUpload, TWO_HOURS_AGO, TWO_HOURS_AGO);
    const youngUpload = await mkdtemp(path.join(tmpdir(), UPLOAD_TEMP_PREFIX));

    const result = await sweepLeftovers(services);

    expect(result).toMatchObject({ orphanFiles: 1, partialFiles: 1 });
    expect(result.tempFolders).toBeGreaterThanOrEqual(1);
    expect(await storedFiles()).toEqual([kept, `${workshop.workshop.id}/att_in_progress`].sort());
    const temp = await readdir(tmpdir());
    expect(temp).not.toContain(path.basename(oldUpload));
    expect(temp).toContain(path.basename(youngUpload));
  });
});

describe("sweepLeftovers on S3 storage", () => {
  let s3: TestS3Server;
  let storage: S3Storage;
  beforeAll(async () => {
    s3 = await startTestS3Server();
    storage = S3Storage.fromSettings(s3.settings);
  });
  afterAll(async () => {
    storage?.close();
    await s3?.close();
  });

  const bytes = (text: string) => new Blob([text]).stream();
  const stored = async () => {
    const keys: string[] = [];
    for await (const object of storage.list()) keys.push(object.key);
    return keys.sort();
  };

  it("removes old objects no attachment names and keeps attachments' objects and young ones", async () => {
    const sent = await sendMessage(
      { ...services, storage, workshopId: workshop.workshop.id, actor: workshop.auth.actor },
      { booking_id: workshop.booking.id, body: "Bilde", sender_type: "workshop", attachments: [file(PNG_BYTES, "a.png", "image/png")] },
    );
    const kept = `${workshop.workshop.id}/${sent.message.attachments[0]!.id}`;
    const orphan = `${workshop.workshop.id}/att_s3_orphan`;
    const young = `${workshop.workshop.id}/att_s3_in_progress`;
    await storage.put(orphan, bytes("rest"));
    await storage.put(young, bytes("rest"));
    await s3.backdate(kept, TWO_HOURS_AGO);
    await s3.backdate(orphan, TWO_HOURS_AGO);

    const result = await sweepLeftovers({ db: services.db, storage });

    expect(result.orphanFiles).toBe(1);
    expect(await stored()).toEqual([kept, young].sort());
    expect(await storage.get(orphan)).toBeNull();
  });
});

describe("sweepLeftovers on an object store that lists unfinished uploads", () => {
  // s3rver cannot list multipart uploads; AWS S3, MinIO and others can. This stands in for such a store:
  // an empty bucket with one upload a crash left two hours ago and one started a minute ago.
  const requests: string[] = [];
  let server: Server;
  let storage: S3Storage;
  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push(`${request.method} ${request.url}`);
      const url = new URL(request.url!, "http://store");
      response.setHeader("Content-Type", "application/xml");
      if (request.method === "GET" && url.searchParams.has("uploads")) {
        const upload = (key: string, id: string, at: Date) =>
          `<Upload><Key>${key}</Key><UploadId>${id}</UploadId><Initiated>${at.toISOString()}</Initiated></Upload>`;
        response.end(
          `<?xml version="1.0" encoding="UTF-8"?><ListMultipartUploadsResult><Bucket>b</Bucket><IsTruncated>false</IsTruncated>` +
            upload("ws_1/att_crashed", "upload-old", TWO_HOURS_AGO) +
            upload("ws_1/att_uploading", "upload-young", new Date(Date.now() - 60_000)) +
            `</ListMultipartUploadsResult>`,
        );
      } else if (request.method === "GET") {
        response.end(
          `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>b</Name><KeyCount>0</KeyCount><IsTruncated>false</IsTruncated></ListBucketResult>`,
        );
      } else {
        response.statusCode = 204;
        response.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    storage = S3Storage.fromSettings({
      kind: "s3",
      bucket: "b",
      endpoint: `http://127.0.0.1:${port}`,
      region: "us-east-1",
      forcePathStyle: true,
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
    });
  });
  afterAll(async () => {
    storage?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  it("aborts the old unfinished upload and leaves the young one alone", async () => {
    const result = await sweepLeftovers({ db: services.db, storage });
    expect(result.partialFiles).toBe(1);
    const aborts = requests.filter((line) => line.startsWith("DELETE"));
    expect(aborts).toEqual([expect.stringMatching(/^DELETE \/b\/ws_1\/att_crashed\?uploadId=upload-old/)]);
  });
});
