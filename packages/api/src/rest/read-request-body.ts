import { ATTACHMENT_LIMITS } from "@minbil/contracts/limits";
import { apiError } from "../errors";
import { readMultipart } from "./multipart";

const MB = 1024 * 1024;
const MAX_JSON_BYTES = MB;

export interface RequestFields {
  fields: Record<string, unknown>;
  cleanup(): Promise<void>;
}

const nothingToClean = async () => {};

/**
 * The fields of a POST body: JSON, multipart/form-data (with files) or URL-encoded form.
 * Too large is refused from Content-Length before reading, or as soon as the stream passes the limit.
 */
export async function readRequestFields(request: Request): Promise<RequestFields> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (declared > ATTACHMENT_LIMITS.maxRequestBytes + MB) {
    throw apiError("PAYLOAD_TOO_LARGE", `The request is larger than ${ATTACHMENT_LIMITS.maxRequestBytes / MB} MB`);
  }
  const contentType = request.headers.get("content-type") ?? "";
  const mediaType = contentType.split(";")[0]!.trim().toLowerCase();

  if (mediaType === "multipart/form-data") return readMultipart(request, contentType);
  if (mediaType === "application/json" || mediaType.endsWith("+json")) {
    return { fields: parseJsonObject(await readText(request, MAX_JSON_BYTES)), cleanup: nothingToClean };
  }
  if (mediaType === "application/x-www-form-urlencoded") {
    const params = new URLSearchParams(await readText(request, MAX_JSON_BYTES));
    return { fields: Object.fromEntries(params), cleanup: nothingToClean };
  }
  if (mediaType === "") {
    const text = await readText(request, MAX_JSON_BYTES);
    if (text.trim() === "") return { fields: {}, cleanup: nothingToClean };
    throw apiError("UNSUPPORTED_MEDIA_TYPE", "Set Content-Type to application/json or multipart/form-data");
  }
  throw apiError("UNSUPPORTED_MEDIA_TYPE", `Content-Type ${mediaType} is not supported: send application/json or multipart/form-data`);
}

function parseJsonObject(text: string): Record<string, unknown> {
  if (text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw apiError("BAD_REQUEST", `Malformed JSON body: ${(error as Error).message}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw apiError("VALIDATION_FAILED", "The JSON body must be an object", [{ field: "(body)", message: "expected an object" }]);
  }
  return value as Record<string, unknown>;
}

/** The body as text, refusing with 413 once it passes `limit` bytes. */
async function readText(request: Request, limit: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw apiError("PAYLOAD_TOO_LARGE", `The request body is larger than ${limit / MB} MB`);
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8").decode(Buffer.concat(chunks));
}
