import { z } from "zod";
import { IDEMPOTENCY_KEY_TTL_MS } from "@minbil/contracts/limits";

/**
 * Every response header the API document names, described once; descriptors list the ones an answer
 * always carries, and the document has each as a reusable component (`#/components/headers/<name>`).
 * `required: false`: may be missing from an answer (the rate-limit headers, until every route sends them).
 */
export const RESPONSE_HEADERS = {
  "X-Request-Id": {
    required: true,
    schema: z.string().meta({
      description: "The request's id (yours, when you send a valid `X-Request-Id`); our logs carry it",
      example: "0c6f3e1e-5b7e-4f55-a0f0-8a0a52f3c9d1",
    }),
  },
  "RateLimit-Policy": {
    required: false,
    schema: z.string().meta({
      description:
        'The rate-limit policy this request counts against, as an IETF RateLimit header field (structured field): name, `q` requests per `w` seconds, e.g. `"token";q=600;w=60`',
      example: '"token";q=600;w=60',
    }),
  },
  RateLimit: {
    required: false,
    schema: z.string().meta({
      description: 'What is left of the policy: `r` requests remaining, `t` seconds until the window resets, e.g. `"token";r=598;t=42`',
      example: '"token";r=598;t=42',
    }),
  },
  "Retry-After": {
    required: true,
    schema: z.string().regex(/^\d+$/).meta({ description: "Seconds to wait before trying again", example: "5" }),
  },
  "WWW-Authenticate": {
    required: true,
    schema: z.string().meta({
      description: 'The Bearer challenge; `error="invalid_token"` when a token was sent but is unknown or revoked',
      example: 'Bearer realm="minbil", error="invalid_token"',
    }),
  },
  Allow: {
    required: true,
    schema: z.string().meta({ description: "The methods this path has", example: "GET, POST, HEAD, OPTIONS" }),
  },
  "Idempotent-Replayed": {
    required: true,
    schema: z.literal("true").meta({
      description: `The Idempotency-Key matched a request of the last ${IDEMPOTENCY_KEY_TTL_MS / 3_600_000} hours: this is its message, nothing new was stored`,
    }),
  },
  "Content-Length": {
    required: true,
    schema: z.string().regex(/^\d+$/).meta({ description: "The file's size in bytes", example: "183422" }),
  },
  "Content-Disposition": {
    required: true,
    schema: z.string().meta({
      description: "`inline` for images and PDF, `attachment` otherwise, with the file's name (RFC 5987 `filename*`)",
      example: "inline; filename*=UTF-8''skade.jpg",
    }),
  },
  "Cache-Control": {
    required: true,
    schema: z.string().meta({ description: "Authenticated content: never stored by caches", example: "private, no-store" }),
  },
  ETag: {
    required: true,
    schema: z.string().meta({ description: "The file's checksum, quoted", example: '"9f86d081884c7d65"' }),
  },
} satisfies Record<string, { required: boolean; schema: z.ZodType }>;

export type ResponseHeaderName = keyof typeof RESPONSE_HEADERS;
