import path from "node:path";
import { resolveDataDir } from "@minbil/db/config";
import { LocalDiskStorage } from "@minbil/api/attachments/local-disk-storage";
import { openStorage } from "@minbil/api/attachments/open-storage";
import { storageSettingsFrom, type StorageSettings } from "@minbil/api/attachments/storage-settings";
import type { AttachmentStorage } from "@minbil/api/attachments/storage";
import { env } from "./env";

/** The app's attachment folder: `<data folder>/attachments`. */
export function localAttachmentFolder(): string {
  return path.join(resolveDataDir(), "attachments");
}

/** Where the app stores attachments with the same settings: the S3 bucket when S3_BUCKET is set, else the data folder. */
export function attachmentStorageSettings(): StorageSettings {
  return storageSettingsFrom(env, localAttachmentFolder());
}

export function openAttachmentStorage(): AttachmentStorage {
  return openStorage(attachmentStorageSettings());
}

/** The data folder's attachments, whatever S3_BUCKET says (the copy command's source). */
export function openLocalAttachmentStorage(): LocalDiskStorage {
  return new LocalDiskStorage(localAttachmentFolder());
}
