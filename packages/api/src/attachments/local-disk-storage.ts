import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { access, constants, mkdir, opendir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import type { AttachmentStorage, StoredObject } from "./storage";

/** Attachments as files under one folder (by default `<data folder>/attachments`). */
export class LocalDiskStorage implements AttachmentStorage {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    const full = path.resolve(this.root, key);
    if (!full.startsWith(path.resolve(this.root) + path.sep)) throw new Error(`Storage key escapes the storage folder: ${key}`);
    return full;
  }

  async put(key: string, data: ReadableStream<Uint8Array>): Promise<{ size: number; checksum: string }> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    // Write to a temporary name and rename, so a reader never sees half a file.
    const partial = `${target}.${randomBytes(4).toString("hex")}.partial`;
    const hash = createHash("sha256");
    let size = 0;
    const measure = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        size += chunk.length;
        callback(null, chunk);
      },
    });
    try {
      await pipeline(Readable.fromWeb(data as NodeReadableStream<Uint8Array>), measure, createWriteStream(partial, { flags: "wx" }));
      await rename(partial, target);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    return { size, checksum: hash.digest("hex") };
  }

  async get(key: string): Promise<Readable | null> {
    const file = this.pathOf(key);
    try {
      await stat(file);
    } catch {
      return null;
    }
    return createReadStream(file);
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async discard(object: StoredObject): Promise<void> {
    await this.delete(object.key);
  }

  async *list(): AsyncIterable<StoredObject> {
    yield* this.walk(path.resolve(this.root));
  }

  private async *walk(dir: string): AsyncIterable<StoredObject> {
    let entries;
    try {
      entries = await opendir(dir);
    } catch {
      return; // nothing stored yet
    }
    for await (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        yield* this.walk(full);
      } else if (entry.isFile()) {
        const info = await stat(full).catch(() => null);
        if (!info) continue;
        const key = path.relative(path.resolve(this.root), full).split(path.sep).join("/");
        yield { key, modifiedAt: info.mtime, partial: entry.name.endsWith(".partial") };
      }
    }
  }

  async check(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    await access(this.root, constants.W_OK);
  }
}
