import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { guardedLookup } from "./target-address";

export const WEBHOOK_TIMEOUT_MS = 15_000;
/** At most this much of a receiver's answer is read, and kept in the delivery log. */
export const MAX_RESPONSE_BYTES = 64 * 1024;

export interface PostResult {
  /** The receiver's status, or null when it gave none. */
  statusCode: number | null;
  durationMs: number;
  responseBody: string | null;
  error: string | null;
  /** The receiver's Retry-After, in milliseconds (429 and 503). */
  retryAfterMs?: number;
}

/**
 * One webhook request. Redirects are not followed (a 3xx is a failure), the whole exchange is bounded
 * by the timeout, only the start of the answer is read, and (unless private targets are allowed) the
 * connection may only go to a public address.
 */
export function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: { allowPrivateTargets: boolean; timeoutMs?: number },
): Promise<PostResult> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const target = new URL(url);
  const send = target.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<PostResult, "durationMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, durationMs: Date.now() - started });
    };
    const req = send(
      target,
      {
        method: "POST",
        headers: {
          ...headers,
          "Content-Type": "application/json",
          "Content-Length": String(Buffer.byteLength(body)),
          "User-Agent": "MinBil-Webhooks/1",
        },
        ...(options.allowPrivateTargets ? {} : { lookup: guardedLookup }),
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () =>
          finish({
            statusCode: res.statusCode ?? null,
            responseBody: chunks.length ? Buffer.concat(chunks).toString("utf8") : null,
            error: null,
            retryAfterMs: retryAfterMs(res.headers["retry-after"]),
          });
        res.on("data", (chunk: Buffer) => {
          const room = MAX_RESPONSE_BYTES - size;
          if (room > 0) chunks.push(chunk.subarray(0, room));
          size += chunk.length;
          if (size >= MAX_RESPONSE_BYTES) {
            done();
            res.destroy();
          }
        });
        res.on("end", done);
        res.on("error", done);
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      finish({ statusCode: null, responseBody: null, error: `no answer within ${Math.round(timeoutMs / 1000)} s` });
    }, timeoutMs);
    req.on("error", (error: NodeJS.ErrnoException) =>
      finish({ statusCode: null, responseBody: null, error: error.code ? `${error.code}: ${error.message}` : error.message }),
    );
    req.end(body);
  });
}

function retryAfterMs(header: string | undefined): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
