import { createHash } from "node:crypto";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { buffer } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestS3Server, type TestS3Server } from "../testing/s3-server";
import { createTestServices, type TestServices } from "../testing/test-services";
import { createWorkshopFixture } from "../testing/fixtures";
import { PDF_BYTES, PNG_BYTES, file, pngOfSize } from "../testing/sample-files";
import { sendMessage } from "../messages/send-message.handler";
import { copyAttachmentsToBucket, type CopyProgress } from "./copy-to-bucket";
import { LocalDiskStorage } from "./local-disk-storage";
import { S3Storage } from "./s3-storage";

// `pnpm run storage copy --to s3`: every attachment's file reaches the bucket unchanged; a second run
// copies nothing; an interrupted run is finished by the next; a file missing or changed on disk is
// reported, never copied as if it were right.

let services: TestServices;
let s3: TestS3Server;
let bucket: S3Storage;
let source: LocalDiskStorage;
let workshop: Awaited<ReturnType<typeof createWorkshopFixture>>;
const keys: string[] = [];

beforeAll(async () => {
  services = await createTestServices();
  s3 = await startTestS3Server();
  bucket = S3Storage.fromSettings(s3.settings);
  source = new LocalDiskStorage(services.storageDir);
  workshop = await createWorkshopFixture(services.db, "Flytte Bil");
  // Five files on the local disk, as a workshop that ran without S3 has them; one over a part's size.
  for (const files of [
    [file(PNG_BYTES, "a.png", "image/png"), file(PDF_BYTES, "b.pdf", "application/pdf")],
    [file(pngOfSize(5 * 1024 * 1024 + 100), "stor.png", "image/png")],
    [file(Buffer.from("notat 1\n"), "c.txt", "text/plain"), file(Buffer.from("notat 2\n"), "d.txt", "text/plain")],
  ]) {
    const sent = await sendMessage(
      { ...services, workshopId: workshop.workshop.id, actor: workshop.auth.actor },
      { booking_id: workshop.booking.id, body: "Filer", sender_type: "workshop", attachments: files },
    );
    keys.push(...sent.message.attachments.map((attachment) => `${workshop.workshop.id}/${attachment.id}`));
  }
});
afterAll(async () => {
  bucket?.close();
  await s3?.close();
  await services?.close();
});

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const inBucket = async () => {
  const found: string[] = [];
  for await (const object of bucket.list()) found.push(object.key);
  return found.sort();
};
const copy = (onProgress?: (progress: CopyProgress) => void) =>
  copyAttachmentsToBucket({ db: services.db, source, target: bucket }, onProgress);

describe("copyAttachmentsToBucket", () => {
  it("finishes an interrupted copy on the next run, copying each file once, and then copies nothing", async () => {
    // The first run is stopped (a lost connection) when its first file is done; the files already under
    // way finish, the rest are not started.
    await expect(
      copy((progress) => {
        if (progress.copied === 1) throw new Error("interrupted");
      }),
    ).rejects.toThrow("interrupted");
    const afterInterruption = await inBucket();
    expect(afterInterruption.length).toBeGreaterThanOrEqual(2);
    expect(afterInterruption.length).toBeLessThan(keys.length);

    const seen: CopyProgress[] = [];
    const resumed = await copy((progress) => seen.push(progress));
    expect(resumed).toMatchObject({ total: 5, done: 5, copied: 5 - afterInterruption.length, skipped: afterInterruption.length });
    expect(resumed.missing).toEqual([]);
    expect(seen.map((progress) => progress.done)).toEqual([1, 2, 3, 4, 5]);
    expect(await inBucket()).toEqual([...keys].sort());
    for (const key of keys) {
      const local = await buffer((await source.get(key))!);
      const remote = await buffer((await bucket.get(key))!);
      expect(sha256(remote)).toBe(sha256(local));
    }

    const again = await copy();
    expect(again).toMatchObject({ copied: 0, skipped: 5, bytesCopied: 0 });
  });

  it("copies again an object whose bytes differ from the recorded ones, checking objects the app wrote itself", async () => {
    // An object written without the SHA-256 metadata (as the app's own uploads are), same size, other bytes.
    const original = await buffer((await source.get(keys[2]!))!);
    await bucket.put(keys[2]!, new Blob([Buffer.alloc(original.length, 7)]).stream());
    const result = await copy();
    expect(result).toMatchObject({ copied: 1, skipped: 4 });
    expect(sha256(await buffer((await bucket.get(keys[2]!))!))).toBe(sha256(original));
  });

  it("reports files missing or changed on the disk and does not copy them", async () => {
    await bucket.delete(keys[3]!);
    await bucket.delete(keys[4]!);
    await rm(path.join(services.storageDir, keys[3]!));
    await writeFile(path.join(services.storageDir, keys[4]!), "endret etterpå\n");
    const result = await copy();
    expect(result.missing).toEqual([keys[3]!.split("/")[1]]);
    expect(result.damaged).toEqual([keys[4]!.split("/")[1]]);
    expect(await bucket.get(keys[3]!)).toBeNull();
    expect(await bucket.get(keys[4]!)).toBeNull();
  });
});
