import { mkdtemp, rm, utimes } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import type { StorageSettings } from "../attachments/storage-settings";

/** The parts of s3rver (which has no types of its own) used here. */
interface S3rver {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  store: { getResourcePath(bucket: string, key: string, resource: "object"): string };
}
const S3rver = createRequire(import.meta.url)("@20minutes/s3rver") as new (options: {
  address: string;
  port: number;
  directory: string;
  silent: boolean;
  configureBuckets: { name: string }[];
  allowMismatchedSignatures: boolean;
}) => S3rver;

export interface TestS3Server {
  /** Settings for a storage on the server's bucket, as S3_* and AWS_* would give them. */
  settings: Extract<StorageSettings, { kind: "s3" }>;
  /** The same as environment variables, for app processes the test starts. */
  env: Record<string, string>;
  /** Makes a stored object look older (what the leftover sweeper goes by). */
  backdate(key: string, to: Date): Promise<void>;
  close(): Promise<void>;
}

/**
 * An S3-compatible server in this process (s3rver, files in a temp folder) with one empty bucket, on
 * a free loopback port: the object-storage tests need no outside service.
 */
export async function startTestS3Server(bucket = "minbil-test"): Promise<TestS3Server> {
  const directory = await mkdtemp(path.join(tmpdir(), "minbil-s3rver-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    directory,
    silent: true,
    configureBuckets: [{ name: bucket }],
    // s3rver signs bucket-level paths without the trailing slash the SDK v3 sends (`/bucket/?list-type=2`),
    // so it refuses every listing's signature; signing is the SDK's job, not what these tests check.
    allowMismatchedSignatures: true,
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  // s3rver's built-in account.
  const credentials = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };
  return {
    settings: { kind: "s3", bucket, endpoint, region: "us-east-1", forcePathStyle: true, credentials },
    env: {
      S3_BUCKET: bucket,
      S3_ENDPOINT: endpoint,
      S3_REGION: "us-east-1",
      S3_FORCE_PATH_STYLE: "true",
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    },
    async backdate(key, to) {
      await utimes(server.store.getResourcePath(bucket, key, "object"), to, to);
    },
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
