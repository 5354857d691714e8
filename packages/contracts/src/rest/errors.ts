import { z } from "zod";

/** One problem with one field of a request. */
export const fieldIssue = z
  .object({
    /** The field, as the client named it (`booking_id`, `attachments`, `cursor`, or `(body)` for the whole body). */
    field: z.string().meta({
      description: "The field, as the client named it (`booking_id`, `attachments`, `cursor`, or `(body)` for the whole body)",
    }),
    message: z.string(),
  })
  .meta({ id: "FieldIssue", example: { field: "booking_id", message: "booking_id is required" } });
export type FieldIssue = z.infer<typeof fieldIssue>;

/** Every REST error answers with this body. */
export const restErrorBody = z
  .object({
    success: z.literal(false),
    /** A sentence for humans. */
    message: z.string().meta({ description: "A sentence for humans (never internal detail)" }),
    error: z.object({
      /** Stable machine-readable code, e.g. VALIDATION_FAILED. */
      code: z.string().meta({ description: "Stable machine-readable code, e.g. VALIDATION_FAILED; each answers with one HTTP status" }),
      /** The problems by field, when the request had any (always a list). */
      details: z.array(fieldIssue).optional().meta({ description: "The problems by field, when the request had any (always a list)" }),
      /** With EVENTS_EXPIRED: the oldest seq still in the feed (resynchronise, then read after it). */
      oldest_seq: z.number().int().optional().meta({ description: "With EVENTS_EXPIRED: the oldest seq still in the feed" }),
    }),
  })
  .meta({
    id: "ErrorBody",
    description: "Every error answers with this body",
    example: {
      success: false,
      message: "Validation failed: booking_id is required",
      error: { code: "VALIDATION_FAILED", details: [{ field: "booking_id", message: "booking_id is required" }] },
    },
  });
export type RestErrorBody = z.infer<typeof restErrorBody>;

/** Our error codes and the HTTP status each answers with. */
export const REST_ERROR_CODES = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  REQUEST_TIMEOUT: 408,
  CONFLICT: 409,
  EVENTS_EXPIRED: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION_FAILED: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  RATE_LIMITED: 429,
  HEADERS_TOO_LARGE: 431,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;
export type RestErrorCode = keyof typeof REST_ERROR_CODES;
