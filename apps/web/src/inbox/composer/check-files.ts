import { ALLOWED_ATTACHMENT_TYPES, ATTACHMENT_LIMITS } from "@minbil/contracts/limits";
import type { Messages } from "~/i18n/messages";

const ALLOWED = new Set<string>(ALLOWED_ATTACHMENT_TYPES);
const EXTENSIONS = /\.(jpe?g|png|webp|heic|heif|pdf|txt)$/i;

/**
 * The limits the server enforces, checked before sending so people see them at once. The server
 * still checks each file's bytes; this only looks at the browser's type or, when it has none, the name.
 */
export function checkFiles(files: File[], t: Messages): string | null {
  if (files.length > ATTACHMENT_LIMITS.maxFiles) return t.tooManyFiles;
  for (const file of files) {
    if (file.size > ATTACHMENT_LIMITS.maxFileBytes) return t.fileTooLarge(file.name);
    if (!(ALLOWED.has(file.type) || ((!file.type || file.type === "image/heif") && EXTENSIONS.test(file.name))))
      return t.fileTypeNotAllowed(file.name);
  }
  if (files.reduce((sum, file) => sum + file.size, 0) > ATTACHMENT_LIMITS.maxRequestBytes) return t.totalTooLarge;
  return null;
}
