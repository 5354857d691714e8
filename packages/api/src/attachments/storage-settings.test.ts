import { describe, expect, it } from "vitest";
import { apiEnv } from "../env";
import { storageSettingsFrom } from "./storage-settings";

// Which storage the settings choose: the data folder unless S3_BUCKET is set; a half-given key pair
// stops the start instead of silently falling back to another credential source.

const settings = (vars: Record<string, string>) => storageSettingsFrom(apiEnv(vars), "/data/attachments");

describe("storageSettingsFrom", () => {
  it("keeps attachments in the data folder when S3_BUCKET is not set", () => {
    expect(settings({})).toEqual({ kind: "local", root: "/data/attachments" });
  });

  it("uses the bucket, endpoint, region, path style and keys given", () => {
    expect(
      settings({
        S3_BUCKET: "minbil-files",
        S3_ENDPOINT: "http://127.0.0.1:9000",
        S3_REGION: "eu-north-1",
        S3_FORCE_PATH_STYLE: "true",
        AWS_ACCESS_KEY_ID: "id",
        AWS_SECRET_ACCESS_KEY: "secret",
      }),
    ).toEqual({
      kind: "s3",
      bucket: "minbil-files",
      endpoint: "http://127.0.0.1:9000",
      region: "eu-north-1",
      forcePathStyle: true,
      credentials: { accessKeyId: "id", secretAccessKey: "secret" },
    });
  });

  it("leaves credentials to the SDK's chain (roles, profiles) when no keys are set", () => {
    expect(settings({ S3_BUCKET: "minbil-files" })).toMatchObject({
      kind: "s3",
      region: "us-east-1",
      forcePathStyle: false,
      credentials: undefined,
    });
  });

  it("refuses a key id without its secret, and a malformed endpoint, naming the setting", () => {
    expect(() => settings({ S3_BUCKET: "minbil-files", AWS_ACCESS_KEY_ID: "id" })).toThrow(/AWS_SECRET_ACCESS_KEY/);
    expect(() => settings({ S3_BUCKET: "minbil-files", S3_ENDPOINT: "not a url" })).toThrow(/S3_ENDPOINT/);
    expect(() => settings({ S3_BUCKET: "minbil-files", S3_FORCE_PATH_STYLE: "yes please" })).toThrow(/S3_FORCE_PATH_STYLE/);
  });
});
