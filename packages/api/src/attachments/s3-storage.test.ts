import { createHash, randomBytes } from "node:crypto";
import { buffer } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestS3Server, type TestS3Server } from "../testing/s3-server";
import { S3Storage } from "./s3-storage";
import type { StoredObject } from "./storage";

// Attachments in an S3-compatible bucket (s3rver in this process): bytes come back as they went in,
// with the size and SHA-256 measured on the way, and a failed upload leaves nothing to find.

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

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** A web stream of `bytes` in chunks of 64 KiB, as an upload arrives. */
function streamOf(bytes: Uint8Array, failAfter?: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (failAfter !== undefined && offset >= failAfter) {
        controller.error(new Error("client went away"));
        return;
      }
      if (offset >= bytes.length) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.subarray(offset, offset + 65_536));
      offset += 65_536;
    },
  });
}

async function keys(): Promise<StoredObject[]> {
  const all: StoredObject[] = [];
  for await (const object of storage.list()) all.push(object);
  return all.sort((a, b) => a.key.localeCompare(b.key));
}

describe("S3Storage", () => {
  it("stores a small file and gives back the same bytes, size and SHA-256", async () => {
    const bytes = randomBytes(1000);
    const stored = await storage.put("ws_a/att_small", streamOf(bytes));
    expect(stored).toEqual({ size: 1000, checksum: sha256(bytes) });
    const body = await storage.get("ws_a/att_small");
    expect(body).not.toBeNull();
    expect(Buffer.compare(await buffer(body!), bytes)).toBe(0);
  });

  it("streams a file larger than one part (a multipart upload) both ways", async () => {
    const bytes = randomBytes(11 * 1024 * 1024 + 17);
    const stored = await storage.put("ws_a/att_large", streamOf(bytes));
    expect(stored).toEqual({ size: bytes.length, checksum: sha256(bytes) });
    const body = await storage.get("ws_a/att_large");
    const back = await buffer(body!);
    expect(back.length).toBe(bytes.length);
    expect(sha256(back)).toBe(sha256(bytes));
  });

  it("answers null for a key with nothing stored, and forgets a deleted one", async () => {
    expect(await storage.get("ws_a/att_never")).toBeNull();
    await storage.put("ws_a/att_gone", streamOf(Buffer.from("bye")));
    await storage.delete("ws_a/att_gone");
    expect(await storage.get("ws_a/att_gone")).toBeNull();
    // Deleting what is not there is not an error (the sweeper and a failed send may both try).
    await expect(storage.delete("ws_a/att_gone")).resolves.toBeUndefined();
  });

  it("leaves nothing behind when the upload stream fails, small or multipart", async () => {
    const before = (await keys()).map((object) => object.key);
    await expect(storage.put("ws_a/att_broken_small", streamOf(randomBytes(300_000), 131_072))).rejects.toThrow("client went away");
    await expect(storage.put("ws_a/att_broken_large", streamOf(randomBytes(12 * 1024 * 1024), 7 * 1024 * 1024))).rejects.toThrow(
      "client went away",
    );
    expect(await storage.get("ws_a/att_broken_small")).toBeNull();
    expect(await storage.get("ws_a/att_broken_large")).toBeNull();
    expect((await keys()).map((object) => object.key)).toEqual(before);
  });

  it("lists every stored object with its time, none of them partial", async () => {
    await storage.put("ws_b/att_listed", streamOf(Buffer.from("listed")));
    const listed = await keys();
    expect(listed.map((object) => object.key)).toEqual(expect.arrayContaining(["ws_a/att_small", "ws_a/att_large", "ws_b/att_listed"]));
    const one = listed.find((object) => object.key === "ws_b/att_listed")!;
    expect(one.partial).toBe(false);
    expect(Math.abs(one.modifiedAt.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("records a SHA-256 given beforehand, for the copy command's check", async () => {
    const bytes = Buffer.from("known content");
    await storage.put("ws_b/att_known", streamOf(bytes), { sha256: sha256(bytes) });
    expect(await storage.head("ws_b/att_known")).toEqual({ size: bytes.length, sha256: sha256(bytes) });
    expect(await storage.head("ws_b/att_listed")).toEqual({ size: 6, sha256: null });
    expect(await storage.head("ws_b/att_none")).toBeNull();
  });

  it("passes the readiness check on its bucket and fails it on a bucket that does not exist", async () => {
    await expect(storage.check()).resolves.toBeUndefined();
    const missing = S3Storage.fromSettings({ ...s3.settings, bucket: "no-such-bucket" });
    await expect(missing.check()).rejects.toThrow();
    missing.close();
  });
});
