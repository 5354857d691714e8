import type { RestErrorBody, RestErrorCode } from "@minbil/contracts/rest/errors";
import type { RestOperation } from "../rest/operations/operation";

/** When each error code is answered, and an example of its body, for the document. */
export const ERROR_CODE_DOCS: Record<
  RestErrorCode,
  { when: string; example: Pick<RestErrorBody, "message"> & Partial<RestErrorBody["error"]> }
> = {
  BAD_REQUEST: {
    when: "malformed JSON or multipart, a body that is not UTF-8, a malformed URL",
    example: { message: "Malformed JSON body (at character 12)" },
  },
  UNAUTHORIZED: {
    when: "missing, unknown or revoked token",
    example: { message: "Authentication required: send Authorization: Bearer <workshop API token>" },
  },
  FORBIDDEN: {
    when: "a request with the inbox's session cookie that does not come from the inbox's own pages",
    example: { message: "Cross-site request refused: state-changing requests must come from the inbox's own pages" },
  },
  NOT_FOUND: {
    when: "unknown booking or attachment, or one of another workshop (they look the same)",
    example: { message: "Booking 999 was not found" },
  },
  METHOD_NOT_ALLOWED: {
    when: "a method the path does not have (`Allow` lists the ones it has)",
    example: { message: "Use GET or POST on this endpoint" },
  },
  REQUEST_TIMEOUT: {
    when: "a request body that arrived too slowly (under 10 kB/s for 30 s)",
    example: { message: "The request body arrived too slowly; send it again on a faster connection" },
  },
  CONFLICT: { when: "the request conflicts with the current state", example: { message: "Conflict" } },
  EVENTS_EXPIRED: {
    when: "`after` is older than the events still kept (`error.oldest_seq` is the oldest): resynchronise, then read after `oldest_seq - 1`",
    example: {
      message: "Events after 12 are no longer kept: the oldest available is 4031. Resynchronise, then read after 4030.",
      details: [{ field: "after", message: "older than the oldest kept event (4031)" }],
      oldest_seq: 4031,
    },
  },
  PAYLOAD_TOO_LARGE: {
    when: "a file over 10 MB or a request over 25 MB, refused before it is read whole",
    example: { message: 'The file "stor.png" is larger than 10 MB' },
  },
  UNSUPPORTED_MEDIA_TYPE: {
    when: "a body that is not JSON or a form, a compressed body, or a file of a type we do not take",
    example: { message: "Content-Type application/xml is not supported: send application/json or multipart/form-data" },
  },
  VALIDATION_FAILED: {
    when: "a field is missing or wrong (`details` lists each), e.g. the literal `:booking_id` of a copied example, or a forged cursor",
    example: {
      message: "Validation failed: booking_id is required",
      details: [{ field: "booking_id", message: "booking_id is required" }],
    },
  },
  IDEMPOTENCY_KEY_REUSED: {
    when: "an `Idempotency-Key` already used for a different request",
    example: { message: "This Idempotency-Key was already used for a different request. Use a new key for a new message." },
  },
  RATE_LIMITED: {
    when: "too many requests: wait `Retry-After` seconds",
    example: { message: "Too many requests. Try again in 42 seconds." },
  },
  HEADERS_TOO_LARGE: {
    when: "the request's headers are over 16 KB together (answered by the HTTP server, before any endpoint)",
    example: { message: "The request's headers are too large (at most 16 KB together)" },
  },
  INTERNAL_ERROR: {
    when: "a fault of ours (the message never carries internal detail)",
    example: { message: "Something went wrong on our side. Please try again." },
  },
  SERVICE_UNAVAILABLE: {
    when: "the database cannot be reached right now, or the server is starting",
    example: { message: "The service is briefly unavailable. Please try again in a few seconds." },
  },
};

/** The error codes every operation of a kind can answer, besides its own (`RestOperation.errors`). */
export function commonErrors(operation: Pick<RestOperation, "path" | "auth">): RestErrorCode[] {
  return [
    ...(operation.auth === "bearer" ? (["UNAUTHORIZED", "SERVICE_UNAVAILABLE"] as const) : []),
    // Every /api/ws request counts against the rate limits.
    ...(operation.path.startsWith("/api/ws/") ? (["RATE_LIMITED"] as const) : []),
    "INTERNAL_ERROR",
  ];
}
