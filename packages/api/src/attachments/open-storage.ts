import { LocalDiskStorage } from "./local-disk-storage";
import { S3Storage } from "./s3-storage";
import type { StorageSettings } from "./storage-settings";
import type { AttachmentStorage } from "./storage";

/** The attachment storage the settings name; the app, the seed and the command-line tools all open it here. */
export function openStorage(settings: StorageSettings): AttachmentStorage {
  return settings.kind === "s3" ? S3Storage.fromSettings(settings) : new LocalDiskStorage(settings.root);
}
