import { randomBytes } from "node:crypto";
import { createWriteStream, openAsBlob } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import busboy from "busboy";
import { ATTACHMENT_LIMITS } from "@minbil/contracts/limits";
import { FILE_FIELD_NAMES } from "@minbil/contracts/rest/send-message-body.schema";
import { apiError, fieldError } from "../errors";
import { bodyTooSlow, formatBytes, tooLarge } from "./body-errors";
import { watchBodyRate } from "./body-watchdog";

/** The field names a file may come under. */
export const FILE_FIELDS: ReadonlySet<string> = new Set(FILE_FIELD_NAMES);
export const MAX_FORM_FIELDS = 50;
const MAX_FIELD_BYTES = 256 * 1024;
/** Temporary upload folders start with this, so the leftover sweeper can find ones a crash left behind. */
export const UPLOAD_TEMP_PREFIX = "minbil-upload-";

export interface ParsedMultipart {
  fields: Record<string, unknown>;
  /** Removes the temporary files; call when the request is done. */
  cleanup(): Promise<void>;
}

/**
 * Streams a multipart/form-data body: files go to temporary files on disk as they arrive (never whole
 * into memory) and the upload is refused as soon as a file (413), the request (413), the number of
 * files or fields (422) passes its limit. Nothing is dropped silently: a file part with an odd name is
 * kept under a cleaned name. The files come back as `File` objects backed by those temporary files.
 */
export async function readMultipart(raw: IncomingMessage): Promise<ParsedMultipart> {
  const dir = await mkdtemp(path.join(tmpdir(), UPLOAD_TEMP_PREFIX));
  const cleanup = () => rm(dir, { recursive: true, force: true, maxRetries: 3 });
  const fields: Record<string, unknown> = {};
  const files: { path: string; name: string; type: string; size: number }[] = [];
  const writes: Promise<void>[] = [];

  try {
    await new Promise<void>((resolve, reject) => {
      let parser: busboy.Busboy;
      try {
        parser = busboy({
          headers: raw.headers,
          defParamCharset: "utf8",
          // We clean names ourselves (file-name.ts); busboy's own cleaning turns "..", "a/" into nothing.
          preservePath: true,
          // busboy reports a limit on *reaching* a size, so one byte more: a file of exactly 10 MB is fine.
          limits: {
            files: ATTACHMENT_LIMITS.maxFiles,
            fileSize: ATTACHMENT_LIMITS.maxFileBytes + 1,
            fields: MAX_FORM_FIELDS,
            fieldSize: MAX_FIELD_BYTES + 1,
          },
        });
      } catch {
        reject(apiError("BAD_REQUEST", "Malformed multipart/form-data: the boundary is missing"));
        return;
      }
      let settled = false;
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        stopWatching();
        raw.off("data", countBytes);
        // Stop feeding the parser but leave the request open: the caller answers and discards the rest.
        // The parser is destroyed (ending its file streams) only after the chunk it is working on: this
        // may run inside its own event, and destroying it there crashes busboy.
        raw.unpipe(parser);
        setImmediate(() => parser.destroy());
        reject(error);
      };
      let received = 0;
      const countBytes = (chunk: Buffer) => {
        received += chunk.length;
        if (received > ATTACHMENT_LIMITS.maxRequestBytes) fail(tooLarge(ATTACHMENT_LIMITS.maxRequestBytes));
      };
      const stopWatching = watchBodyRate(raw, () => fail(bodyTooSlow()));
      raw.on("data", countBytes);

      parser.on("field", (name, value, info) => {
        if (info.valueTruncated)
          return fail(apiError("PAYLOAD_TOO_LARGE", `The form field "${name}" is larger than ${formatBytes(MAX_FIELD_BYTES)}`));
        // busboy decodes invalid UTF-8 to U+FFFD; refuse rather than store replacement characters.
        if (value.includes("\uFFFD")) return fail(apiError("BAD_REQUEST", `The form field "${name}" is not valid UTF-8`));
        fields[name] = name in fields ? [fields[name], value].flat() : value;
      });
      parser.on("file", (name, stream, info) => {
        if (!FILE_FIELDS.has(name)) {
          stream.resume();
          return fail(fieldError(name, `unexpected file field "${name}": send files as "attachments"`));
        }
        const file = { path: path.join(dir, randomBytes(8).toString("hex")), name: info.filename ?? "", type: info.mimeType, size: 0 };
        files.push(file);
        stream.on("data", (chunk: Buffer) => (file.size += chunk.length));
        stream.on("limit", () =>
          fail(apiError("PAYLOAD_TOO_LARGE", `The file "${file.name}" is larger than ${formatBytes(ATTACHMENT_LIMITS.maxFileBytes)}`)),
        );
        writes.push(pipeline(stream, createWriteStream(file.path)).catch(fail));
      });
      parser.on("filesLimit", () => fail(fieldError("attachments", `at most ${ATTACHMENT_LIMITS.maxFiles} files per message`)));
      parser.on("fieldsLimit", () => fail(fieldError("(body)", `at most ${MAX_FORM_FIELDS} form fields per request`)));
      parser.on("error", () => fail(apiError("BAD_REQUEST", "Malformed multipart/form-data body")));
      parser.on("close", () => {
        Promise.all(writes).then(() => {
          if (settled) return;
          settled = true;
          stopWatching();
          raw.off("data", countBytes);
          resolve();
        }, fail);
      });
      raw.on("error", () => fail(apiError("BAD_REQUEST", "The request body could not be read")));
      raw.pipe(parser);
    });

    // A file input left empty sends a part without a name or bytes: that is no file.
    const real = files.filter((file) => file.name !== "" || file.size > 0);
    const attachments = await Promise.all(
      real.map(async (file) => new File([await openAsBlob(file.path)], file.name, { type: file.type })),
    );
    if (attachments.length) fields.attachments = attachments;
    return { fields, cleanup };
  } catch (error) {
    // Let every file write finish failing before the folder goes (else: ENOTEMPTY, and a folder left behind).
    await Promise.allSettled(writes);
    await cleanup();
    throw error;
  }
}
