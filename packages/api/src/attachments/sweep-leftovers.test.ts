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
