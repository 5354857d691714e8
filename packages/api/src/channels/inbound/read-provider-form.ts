import type { IncomingMessage } from "node:http";
import busboy from "busboy";
import { apiError } from "../../errors";
import { checkBodyHeaders, mediaTypeOf, MAX_JSON_BYTES, readText } from "../../http/request-body";

/** A forwarded e-mail may carry photos and an HTML body: the whole request may be this large. */
const MAX_PROVIDER_BYTES = 30 * 1024 * 1024;

/**
 * The text fields of a provider's webhook: a URL-encoded form (Twilio) or multipart/form-data (Mailgun's
 * forwarded e-mail). Files in it are read past and dropped, not refused: a customer's reply with a photo
 * attached must still arrive (as text) instead of being bounced back to the provider forever.
 */
export async function readProviderForm(raw: IncomingMessage): Promise<Record<string, string>> {
  const mediaType = mediaTypeOf(raw);
  if (mediaType === "application/x-www-form-urlencoded") {
    checkBodyHeaders(raw, MAX_JSON_BYTES);
    return Object.fromEntries(new URLSearchParams(await readText(raw, MAX_JSON_BYTES)));
  }
  if (mediaType !== "multipart/form-data") throw apiError("UNSUPPORTED_MEDIA_TYPE", "Send a form (URL-encoded or multipart)");
  checkBodyHeaders(raw, MAX_PROVIDER_BYTES);
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    let received = 0;
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: raw.headers, defParamCharset: "utf8", limits: { fieldSize: MAX_JSON_BYTES, fields: 200 } });
    } catch {
      return reject(apiError("BAD_REQUEST", "Malformed multipart/form-data: the boundary is missing"));
    }
    const fail = (error: unknown) => {
      raw.unpipe(parser);
      setImmediate(() => parser.destroy());
      reject(error);
    };
    raw.on("data", (chunk: Buffer) => {
      received += chunk.length;
      if (received > MAX_PROVIDER_BYTES) fail(apiError("PAYLOAD_TOO_LARGE", "The request is too large"));
    });
    parser.on("field", (name, value) => (fields[name] = value));
    parser.on("file", (_name, stream) => stream.resume());
    parser.on("error", () => fail(apiError("BAD_REQUEST", "Malformed multipart/form-data body")));
    parser.on("close", () => resolve(fields));
    raw.pipe(parser);
  });
}
