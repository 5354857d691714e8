import type { Readable } from "node:stream";

/** Where attachment bytes live. Local disk by default; an object store can implement the same. */
export interface AttachmentStorage {
  /** Stores a stream under `key`; returns its size and hex SHA-256. Leaves nothing behind on failure. */
  put(key: string, data: ReadableStream<Uint8Array>): Promise<{ size: number; checksum: string }>;
  /** The stored bytes, or null when there is nothing under `key`. */
  get(key: string): Promise<Readable | null>;
  delete(key: string): Promise<void>;
}
