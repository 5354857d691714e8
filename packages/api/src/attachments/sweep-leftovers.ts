import { opendir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PrismaClient } from "@minbil/db/client";
import { UPLOAD_TEMP_PREFIX } from "../http/multipart";
import type { AttachmentStorage, StoredObject } from "./storage";

/** What is younger than this may still belong to an upload in progress. */
export const LEFTOVER_AGE_MS = 60 * 60 * 1000;
const BATCH = 500;

export interface SweepResult {
  orphanFiles: number;
  partialFiles: number;
  tempFolders: number;
}

/**
 * Removes what a crash mid-upload leaves behind: stored files that no attachment row names, unfinished
 * writes (`.partial`), and temporary upload folders, each only when older than an hour. Runs at start-up
 * and every hour.
 */
export async function sweepLeftovers(deps: { db: PrismaClient; storage: AttachmentStorage }, now = Date.now()): Promise<SweepResult> {
  const result: SweepResult = { orphanFiles: 0, partialFiles: 0, tempFolders: 0 };
  const cutoff = now - LEFTOVER_AGE_MS;
  let batch: StoredObject[] = [];
  const flush = async () => {
    const referenced = await deps.db.attachment.findMany({
      where: { storageKey: { in: batch.map((object) => object.key) } },
      select: { storageKey: true },
    });
    const keep = new Set(referenced.map((row) => row.storageKey));
    for (const object of batch) {
      if (keep.has(object.key)) continue;
      await deps.storage.discard(object);
      result.orphanFiles += 1;
    }
    batch = [];
  };
  for await (const object of deps.storage.list()) {
    if (object.modifiedAt.getTime() > cutoff) continue;
    if (object.partial) {
      await deps.storage.discard(object);
      result.partialFiles += 1;
      continue;
    }
    batch.push(object);
    if (batch.length >= BATCH) await flush();
  }
  if (batch.length) await flush();
  result.tempFolders = await sweepTempUploadFolders(cutoff);
  return result;
}

async function sweepTempUploadFolders(cutoff: number): Promise<number> {
  let removed = 0;
  const root = tmpdir();
  for await (const entry of await opendir(root)) {
    if (!entry.isDirectory() || !entry.name.startsWith(UPLOAD_TEMP_PREFIX)) continue;
    const full = path.join(root, entry.name);
    const info = await stat(full).catch(() => null);
    if (!info || info.mtimeMs > cutoff) continue;
    await rm(full, { recursive: true, force: true });
    removed += 1;
  }
  return removed;
}
