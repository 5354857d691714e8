import { z } from "zod";

/** Every REST error answers with this body. */
export const restErrorBody = z.object({
  success: z.literal(false),
  /** A sentence for humans. */
  message: z.string(),
  error: z.object({
    /** Stable machine-readable code, e.g. VALIDATION_FAILED. */
    code: z.string(),
    details: z.unknown().optional(),
  }),
});
export type RestErrorBody = z.infer<typeof restErrorBody>;

export const REST_ERROR_CODES = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION_FAILED: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_ERROR: 500,
} as const;
export type RestErrorCode = keyof typeof REST_ERROR_CODES;
