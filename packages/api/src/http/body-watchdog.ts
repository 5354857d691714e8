import type { IncomingMessage } from "node:http";
import { apiEnv } from "../env";

// Bodies that trickle in hold a connection and a request slot while costing the client nothing. While
// we read a body (and while we discard what a refused request still sends), at least MIN_BYTES must
// arrive in every WINDOW_MS; otherwise the request is cut off. Node's own timeouts cannot express a
// minimum rate (requestTimeout bounds the whole request, which must allow a slow 25 MB upload), and the
// HTTP libraries we use do not offer one, hence these few lines.

const MIN_BYTES_PER_SECOND = 10 * 1024;
let configured: { windowMs: number; minBytes: number } | undefined;

/** The window (HTTP_BODY_TIMEOUT_MS) and the bytes that must arrive in it. */
export function bodyMinRate(): { windowMs: number; minBytes: number } {
  if (!configured) {
    const windowMs = apiEnv().HTTP_BODY_TIMEOUT_MS;
    configured = { windowMs, minBytes: Math.round((windowMs / 1000) * MIN_BYTES_PER_SECOND) };
  }
  return configured;
}

/**
 * Calls `onTooSlow` when fewer than `minBytes` arrived during a whole `windowMs`. Returns a function
 * that stops watching (call it when the body has ended or the request is over).
 */
export function watchBodyRate(
  raw: IncomingMessage,
  onTooSlow: () => void,
  rate: { windowMs: number; minBytes: number } = bodyMinRate(),
): () => void {
  let sinceMark = 0;
  let timer = setTimeout(expire, rate.windowMs);
  function expire() {
    stop();
    onTooSlow();
  }
  function onData(chunk: Buffer) {
    sinceMark += chunk.length;
    if (sinceMark >= rate.minBytes) {
      sinceMark = 0;
      clearTimeout(timer);
      timer = setTimeout(expire, rate.windowMs);
    }
  }
  function stop() {
    clearTimeout(timer);
    raw.off("data", onData);
    raw.off("end", stop);
    raw.off("close", stop);
  }
  raw.on("data", onData);
  raw.once("end", stop);
  raw.once("close", stop);
  return stop;
}

/** At most this much of a refused request's body is read and thrown away to keep its connection usable. */
export const MAX_DISCARD_BYTES = 32 * 1024 * 1024;

/**
 * A request answered before its body was read (refused upload, failed authentication): read and throw
 * away the rest, so the client can finish sending, read our answer and reuse the connection, instead of
 * meeting a reset. Past MAX_DISCARD_BYTES, or below the minimum rate, the connection is closed.
 */
export function discardUnreadBody(raw: IncomingMessage): void {
  if (raw.complete || raw.destroyed || raw.readableEnded) return;
  raw.unpipe();
  let discarded = 0;
  const close = () => raw.socket?.destroy();
  const stopWatching = watchBodyRate(raw, close);
  raw.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > MAX_DISCARD_BYTES) {
      stopWatching();
      close();
    }
  });
  raw.once("error", stopWatching);
  raw.resume();
}
