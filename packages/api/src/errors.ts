import { TRPCError } from "@trpc/server";
import { REST_ERROR_CODES, type FieldIssue, type RestErrorCode } from "@minbil/contracts/rest/errors";

type TrpcCode = ConstructorParameters<typeof TRPCError>[0]["code"];

const TRPC_CODE_OF: Record<RestErrorCode, TrpcCode> = {
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  METHOD_NOT_ALLOWED: "METHOD_NOT_SUPPORTED",
  REQUEST_TIMEOUT: "TIMEOUT",
  CONFLICT: "CONFLICT",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  UNSUPPORTED_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  VALIDATION_FAILED: "UNPROCESSABLE_CONTENT",
  IDEMPOTENCY_KEY_REUSED: "UNPROCESSABLE_CONTENT",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  HEADERS_TOO_LARGE: "BAD_REQUEST",
  EVENTS_EXPIRED: "BAD_REQUEST",
  INTERNAL_ERROR: "INTERNAL_SERVER_ERROR",
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
};

/** The API's own error code, sentence and field problems, carried as the cause of a TRPCError. */
export class ApiErrorCause extends Error {
  constructor(
    readonly code: RestErrorCode,
    message: string,
    readonly details?: FieldIssue[],
    /** Seconds after which a retry may succeed (429, 503). */
    readonly retryAfter?: number,
    /** More the client can act on, added to the error object (e.g. `oldest_seq` with EVENTS_EXPIRED). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "ApiErrorCause";
  }

  get status(): number {
    return REST_ERROR_CODES[this.code];
  }
}

/** An error a client can act on. Thrown by handlers; REST and tRPC both answer with its code and sentence. */
export function apiError(
  code: RestErrorCode,
  message: string,
  details?: FieldIssue[],
  retryAfter?: number,
  extra?: Record<string, unknown>,
): TRPCError {
  return new TRPCError({ code: TRPC_CODE_OF[code], message, cause: new ApiErrorCause(code, message, details, retryAfter, extra) });
}

/** A refused field: 422 naming it. */
export function fieldError(field: string, message: string): TRPCError {
  return apiError("VALIDATION_FAILED", `Validation failed: ${message.startsWith(field) ? message : `${field}: ${message}`}`, [
    { field, message },
  ]);
}

export const bookingNotFound = (bookingId: number) => apiError("NOT_FOUND", `Booking ${bookingId} was not found`);
