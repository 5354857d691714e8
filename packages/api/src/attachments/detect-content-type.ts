import { fileTypeFromBuffer } from "file-type";
import { ALLOWED_ATTACHMENT_TYPES, type AttachmentContentType } from "@minbil/contracts/limits";

const SNIFF_BYTES = 4100;
const BINARY_TYPES = new Set<string>(ALLOWED_ATTACHMENT_TYPES.filter((type) => type !== "text/plain"));

/**
 * The file's real type, read from its bytes (magic numbers via `file-type`), or null when it is not
 * one we accept. Plain text has no magic number: we accept it when the bytes we read are valid UTF-8
 * without control characters other than tab, newline and carriage return.
 */
export async function detectContentType(file: Blob): Promise<AttachmentContentType | null> {
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  const detected = await fileTypeFromBuffer(head);
  if (detected) {
    const mime = detected.mime === "image/heif" ? "image/heic" : detected.mime;
    return BINARY_TYPES.has(mime) ? (mime as AttachmentContentType) : null;
  }
  return looksLikeText(head, file.size <= SNIFF_BYTES) ? "text/plain" : null;
}

function looksLikeText(bytes: Uint8Array, complete: boolean): boolean {
  for (const byte of bytes) {
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return false;
    if (byte === 0x7f) return false;
  }
  // A multi-byte character may be cut at the end of a partial read: decode leniently at the tail.
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  const bad = text.indexOf("\uFFFD");
  return bad === -1 || (!complete && bad >= text.length - 3);
}
