import type { FastifyReply } from "fastify";

/** Aborted when the client goes away or the server shuts down: ends long polls and streams at once. */
export function requestSignal(reply: FastifyReply, shutdownSignal: AbortSignal): AbortSignal {
  const controller = new AbortController();
  const abort = () => controller.abort();
  reply.raw.once("close", abort);
  if (shutdownSignal.aborted) abort();
  else shutdownSignal.addEventListener("abort", abort, { once: true });
  controller.signal.addEventListener("abort", () => shutdownSignal.removeEventListener("abort", abort), { once: true });
  return controller.signal;
}
