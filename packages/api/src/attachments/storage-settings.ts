import type { ApiEnv } from "../env";

/** Where attachments are stored, from the settings: an S3 bucket when S3_BUCKET is set, else the data folder. */
export type StorageSettings =
  | { kind: "local"; root: string }
  | {
      kind: "s3";
      bucket: string;
      endpoint: string | undefined;
      region: string;
      forcePathStyle: boolean;
      credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | undefined;
    };

type StorageEnv = Pick<
  ApiEnv,
  "S3_BUCKET" | "S3_ENDPOINT" | "S3_REGION" | "S3_FORCE_PATH_STYLE" | "AWS_ACCESS_KEY_ID" | "AWS_SECRET_ACCESS_KEY" | "AWS_SESSION_TOKEN"
>;

export function storageSettingsFrom(env: StorageEnv, localRoot: string): StorageSettings {
  if (!env.S3_BUCKET) return { kind: "local", root: localRoot };
  // One key without the other is a typo, not a wish for the SDK's fallback chain: say so at start.
  if (Boolean(env.AWS_ACCESS_KEY_ID) !== Boolean(env.AWS_SECRET_ACCESS_KEY)) {
    throw new Error("invalid setting AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY: set both or neither");
  }
  return {
    kind: "s3",
    bucket: env.S3_BUCKET,
    endpoint: env.S3_ENDPOINT,
    region: env.S3_REGION,
    forcePathStyle: env.S3_FORCE_PATH_STYLE === "true",
    credentials:
      env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
        ? {
            accessKeyId: env.AWS_ACCESS_KEY_ID,
            secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
            ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
          }
        : undefined,
  };
}
