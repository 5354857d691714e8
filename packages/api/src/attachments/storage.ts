import type { Readable } from "node:stream";

/** One stored object, as the leftover sweeper sees it. */
export interface StoredObject {
  key: string;
  modifiedAt: Date;
  /** A write that never finished (a crash mid-upload); never referenced by a row. */
  partial: boolean;
  /** An object store's unfinished multipart upload (partial): removing it means aborting this upload. */
  uploadId?: string;
}

/** Where attachment bytes live. Local disk by default; an object store can implement the same. */
export interface AttachmentStorage {
  /** Stores a stream under `key`; returns its size and hex SHA-256. Leaves nothing behind on failure. */
  put(key: string, data: ReadableStream<Uint8Array>): Promise<{ size: number; checksum: string }>;
  /** The stored bytes, or null when there is nothing under `key`. */
  get(key: string): Promise<Readable | null>;
  delete(key: string): Promise<void>;
  /** Removes an object `list()` gave, a partial one included. */
  discard(object: StoredObject): Promise<void>;
  /** Every stored object, for the leftover sweeper. */
  list(): AsyncIterable<StoredObject>;
  /** Throws when the storage cannot be used (for the readiness check). */
  check(): Promise<void>;
}
