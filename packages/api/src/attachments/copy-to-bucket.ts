import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import type { PrismaClient } from "@minbil/db/client";
import type { LocalDiskStorage } from "./local-disk-storage";
import type { S3Storage } from "./s3-storage";

const BATCH = 200;
/** Files copied at once: enough to hide the bucket's round trips, few enough to keep memory at a few parts. */
const PARALLEL = 4;

export interface CopyProgress {
  /** Attachments looked at so far (copied, skipped or missing). */
  done: number;
  total: number;
  copied: number;
  skipped: number;
  bytesCopied: number;
}

export interface CopyResult extends CopyProgress {
  /** Attachments with no file in the data folder: nothing to copy (their downloads already fail). */
  missing: string[];
  /** Files whose bytes no longer match the size and SHA-256 recorded when they were sent: not copied. */
  damaged: string[];
}

/**
 * Copies every attachment's file from the data folder to the bucket, under the same key, so the app
 * can switch to S3_BUCKET without losing a download. Goes by the attachment rows (a file no row names
 * is a leftover, not copied) in id order. An object already in the bucket with the recorded size and
 * SHA-256 is skipped, so running it again, after an interruption or while the app still writes to the
 * disk, copies only what is not there yet.
 */
export async function copyAttachmentsToBucket(
  deps: { db: PrismaClient; source: LocalDiskStorage; target: S3Storage },
  onProgress: (progress: CopyProgress) => void = () => {},
): Promise<CopyResult> {
  const total = await deps.db.attachment.count();
  const result: CopyResult = { done: 0, total, copied: 0, skipped: 0, bytesCopied: 0, missing: [], damaged: [] };
  let after: string | undefined;
  for (;;) {
    const rows = await deps.db.attachment.findMany({
      where: after ? { id: { gt: after } } : {},
      orderBy: { id: "asc" },
      take: BATCH,
      select: { id: true, storageKey: true, size: true, checksum: true },
    });
    if (!rows.length) break;
    after = rows.at(-1)!.id;
    let next = 0;
    let failed = false;
    const worker = async () => {
      while (next < rows.length && !failed) {
        const row = rows[next++]!;
        try {
          await copyOne(deps, row, result);
          result.done += 1;
          onProgress({ ...result });
        } catch (error) {
          failed = true;
          throw error;
        }
      }
    };
    // On a failure the other workers finish the file they are on, then stop: the run ends in a known state.
    const outcomes = await Promise.allSettled(Array.from({ length: Math.min(PARALLEL, rows.length) }, worker));
    const failure = outcomes.find((outcome) => outcome.status === "rejected");
    if (failure) throw failure.reason;
  }
  return result;
}

async function copyOne(
  deps: { source: LocalDiskStorage; target: S3Storage },
  row: { id: string; storageKey: string; size: number; checksum: string },
  result: CopyResult,
): Promise<void> {
  if (await alreadyThere(deps.target, row)) {
    result.skipped += 1;
    return;
  }
  const file = await deps.source.get(row.storageKey);
  if (!file) {
    result.missing.push(row.id);
    return;
  }
  const stored = await deps.target.put(row.storageKey, Readable.toWeb(file) as unknown as ReadableStream<Uint8Array>, {
    sha256: row.checksum,
  });
  if (stored.size !== row.size || stored.checksum !== row.checksum) {
    // The file changed on disk since it was sent: a copy would serve other bytes than were sent.
    await deps.target.delete(row.storageKey);
    result.damaged.push(row.id);
    return;
  }
  result.copied += 1;
  result.bytesCopied += stored.size;
}

/** In the bucket with the recorded size and SHA-256 (read back when the object does not carry it). */
async function alreadyThere(target: S3Storage, row: { storageKey: string; size: number; checksum: string }): Promise<boolean> {
  const info = await target.head(row.storageKey);
  if (!info || info.size !== row.size) return false;
  if (info.sha256 !== null) return info.sha256 === row.checksum;
  // Written by the app itself (it learns the SHA-256 only at the end of the upload): hash the object.
  const body = await target.get(row.storageKey);
  if (!body) return false;
  const hash = createHash("sha256");
  for await (const chunk of body as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest("hex") === row.checksum;
}
