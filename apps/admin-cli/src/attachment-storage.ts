import path from "node:path";
import { resolveDataDir } from "@minbil/db/config";
import { LocalDiskStorage } from "@minbil/api/attachments/local-disk-storage";

/** The same attachment folder as the app: `<data folder>/attachments`. */
export function openAttachmentStorage(): LocalDiskStorage {
  return new LocalDiskStorage(path.join(resolveDataDir(), "attachments"));
}
