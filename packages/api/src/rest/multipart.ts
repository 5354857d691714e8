import { randomBytes } from "node:crypto";
import { createWriteStream, openAsBlob } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import busboy from "busboy";
import { ATTACHMENT_LIMITS } from "@minbil/contracts/limits";
import { apiError } from "../errors";

const MB = 1024 * 1024;
const FILE_FIELDS = new Set(["attachments", "attachments[]", "files", "files[]", "file"]);

export interface ParsedMultipart {
  fields: Record<string, unknown>;
  /** Removes the temporary files; call when the request is done. */
  cleanup(): Promise<void>;
}

/**
 * Streams a multipart/form-data body: files go to temporary files on disk as they arrive (never whole
 * into memory) and the upload is cut off with 413 as soon as a file or the request passes its limit.
 * The files come back as `File` objects backed by those temporary files.
 */
export async function readMultipart(request: Request, contentType: string): Promise<ParsedMultipart> {
  const dir = await mkdtemp(path.join(tmpdir(), "minbil-upload-"));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  const fields: Record<string, unknown> = {};
  const files: { field: string; path: string; name: string; type: string }[] = [];

  try {
    await new Promise<void>((resolve, reject) => {
      let parser: busboy.Busboy;
      try {
        parser = busboy({
          headers: { "content-type": contentType },
          defParamCharset: "utf8",
          limits: { files: ATTACHMENT_LIMITS.maxFiles, fileSize: ATTACHMENT_LIMITS.maxFileBytes, fields: 50, fieldSize: 256 * 1024 },
        });
      } catch {
        reject(apiError("BAD_REQUEST", "Malformed multipart/form-data: the boundary is missing"));
        return;
      }
      const source = Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>);
      const writes: Promise<void>[] = [];
      let failed = false;
      const fail = (error: unknown) => {
        if (failed) return;
        failed = true;
        source.unpipe(parser);
        source.destroy();
        reject(error);
      };
      let received = 0;
      source.on("data", (chunk: Buffer) => {
        received += chunk.length;
        if (received > ATTACHMENT_LIMITS.maxRequestBytes + MB) {
          fail(apiError("PAYLOAD_TOO_LARGE", `The request is larger than ${ATTACHMENT_LIMITS.maxRequestBytes / MB} MB`));
        }
      });

      parser.on("field", (name, value) => {
        fields[name] = name in fields ? [fields[name], value].flat() : value;
      });
      parser.on("file", (name, stream, info) => {
        if (!FILE_FIELDS.has(name) || !info.filename) {
          stream.resume();
          if (info.filename && !FILE_FIELDS.has(name)) {
            fail(
              apiError("VALIDATION_FAILED", `Unexpected file field "${name}": send files as "attachments"`, [
                { field: name, message: "unexpected file field" },
              ]),
            );
          }
          return;
        }
        const file = {
          field: "attachments",
          path: path.join(dir, randomBytes(8).toString("hex")),
          name: info.filename,
          type: info.mimeType,
        };
        files.push(file);
        stream.on("limit", () =>
          fail(apiError("PAYLOAD_TOO_LARGE", `The file "${info.filename}" is larger than ${ATTACHMENT_LIMITS.maxFileBytes / MB} MB`)),
        );
        writes.push(pipeline(stream, createWriteStream(file.path)).catch(fail));
      });
      parser.on("filesLimit", () =>
        fail(
          apiError("VALIDATION_FAILED", `At most ${ATTACHMENT_LIMITS.maxFiles} files per message`, [
            { field: "attachments", message: "too many files" },
          ]),
        ),
      );
      parser.on("error", () => fail(apiError("BAD_REQUEST", "Malformed multipart/form-data body")));
      parser.on("close", () => {
        Promise.all(writes).then(() => (failed ? undefined : resolve()), fail);
      });
      source.on("error", (error) => fail(failed ? error : apiError("BAD_REQUEST", "The request body could not be read")));
      source.pipe(parser);
    });

    const attachments = await Promise.all(
      files.map(async (file) => new File([await openAsBlob(file.path)], file.name, { type: file.type })),
    );
    if (attachments.length) fields.attachments = attachments;
    return { fields, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
