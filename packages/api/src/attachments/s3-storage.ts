import { createHash } from "node:crypto";
import { Readable, Transform, pipeline } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { logger } from "../logger";
import type { StorageSettings } from "./storage-settings";
import type { AttachmentStorage, StoredObject } from "./storage";

/** Bytes held in memory per upload: one part. S3's smallest part is 5 MiB. */
const PART_SIZE = 5 * 1024 * 1024;

/** What `head()` tells about a stored object (for the copy command's "already there?" check). */
export interface ObjectInfo {
  size: number;
  /** Hex SHA-256 recorded as object metadata when the writer knew it beforehand (the copy command does). */
  sha256: string | null;
}

/**
 * Attachments in an S3(-compatible) bucket, under the same keys as on disk (`<workshop>/<attachment>`).
 *
 * An object appears whole or not at all (S3 writes are atomic), so unlike the disk there is no
 * temporary name. Uploads stream through `@aws-sdk/lib-storage` in parts of 5 MiB: a small file is one
 * PUT, a larger one a multipart upload, and at most one part is held in memory. A failed upload is
 * aborted; one cut short by a crash stays as an unfinished multipart upload, which `list()` reports as
 * partial (where the server can list them) so the sweeper aborts it.
 */
export class S3Storage implements AttachmentStorage {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  static fromSettings(settings: Extract<StorageSettings, { kind: "s3" }>): S3Storage {
    const client = new S3Client({
      region: settings.region,
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      forcePathStyle: settings.forcePathStyle,
      ...(settings.credentials ? { credentials: settings.credentials } : {}),
      // The SDK's default CRC32 checksum headers (since 3.729) are refused by many S3-compatible
      // servers; send and check checksums only where an operation requires them.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
      maxAttempts: 3,
    });
    return new S3Storage(client, settings.bucket);
  }

  async put(key: string, data: ReadableStream<Uint8Array>, options: { sha256?: string } = {}): Promise<{ size: number; checksum: string }> {
    const hash = createHash("sha256");
    let size = 0;
    let streamError: unknown = null;
    const measure = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        size += chunk.length;
        callback(null, chunk);
      },
    });
    // The callback form returns the last stream and destroys it with the source's error, so a
    // broken upload stream fails the Upload (which then aborts its multipart upload).
    const body = pipeline(Readable.fromWeb(data as NodeReadableStream<Uint8Array>), measure, (error) => (streamError = error ?? null));
    const upload = new Upload({
      client: this.client,
      params: {
        Bucket: this.bucket,
        Key: key,
        Body: body,
        ContentType: "application/octet-stream",
        ...(options.sha256 ? { Metadata: { sha256: options.sha256 } } : {}),
      },
      partSize: PART_SIZE,
      queueSize: 1,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      body.destroy();
      // A single PUT that failed after the server stored it (a lost answer) would leave the object.
      await this.delete(key).catch(() => {});
      // The upload's own error may be a consequence (an abort the server refused); the cause comes first.
      throw streamError ?? error;
    }
    return { size, checksum: hash.digest("hex") };
  }

  async get(key: string): Promise<Readable | null> {
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return answer.Body instanceof Readable ? answer.Body : null;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async head(key: string): Promise<ObjectInfo | null> {
    try {
      const answer = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: answer.ContentLength ?? 0, sha256: answer.Metadata?.sha256 ?? null };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async discard(object: StoredObject): Promise<void> {
    if (object.uploadId) {
      await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: object.key, UploadId: object.uploadId }));
    } else {
      await this.delete(object.key);
    }
  }

  async *list(): AsyncIterable<StoredObject> {
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, ContinuationToken: token }));
      for (const item of page.Contents ?? []) {
        if (item.Key) yield { key: item.Key, modifiedAt: item.LastModified ?? new Date(), partial: false };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    yield* this.unfinishedUploads();
  }

  private async *unfinishedUploads(): AsyncIterable<StoredObject> {
    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    do {
      let page;
      try {
        page = await this.client.send(
          new ListMultipartUploadsCommand({ Bucket: this.bucket, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker }),
        );
      } catch (error) {
        // Some S3-compatible servers cannot list them; a lifecycle rule on the bucket
        // (AbortIncompleteMultipartUpload, see the README) then cleans up instead.
        if (error instanceof S3ServiceException && error.name === "NotImplemented") {
          logger.debug("the object store cannot list unfinished uploads; leaving them to the bucket's lifecycle rule");
          return;
        }
        throw error;
      }
      for (const upload of page.Uploads ?? []) {
        if (upload.Key && upload.UploadId) {
          yield { key: upload.Key, modifiedAt: upload.Initiated ?? new Date(), partial: true, uploadId: upload.UploadId };
        }
      }
      keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
      uploadIdMarker = page.IsTruncated ? page.NextUploadIdMarker : undefined;
    } while (keyMarker);
  }

  async check(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }

  close(): void {
    this.client.destroy();
  }
}

function isMissing(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.name === "NoSuchKey" || error.name === "NotFound" || error.$metadata.httpStatusCode === 404)
  );
}
