import { TRPCClientError } from "@trpc/client";
import type { Messages } from "./messages";

export type ApiErrorCode = keyof Messages["apiErrors"];

/** Codes the API has used under another name. */
const ALIASES: Record<string, ApiErrorCode> = { TOO_MANY_REQUESTS: "RATE_LIMITED" };

/** For an error without a code we know: what its HTTP status says. */
const BY_STATUS: Record<number, ApiErrorCode> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  408: "REQUEST_TIMEOUT",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  422: "VALIDATION_FAILED",
  429: "RATE_LIMITED",
  500: "INTERNAL_ERROR",
  503: "SERVICE_UNAVAILABLE",
};

/** A gateway's own answers: the app behind it did not answer. */
const GATEWAY_STATUSES = new Set([502, 504]);

/**
 * A failed call as a sentence in the user's language, never the server's English or a parser's
 * "Unexpected token '<'". `overrides` words a code for the place it happened (e.g. CONFLICT when adding staff).
 */
export function errorMessage(error: unknown, t: Messages, overrides: Partial<Record<ApiErrorCode, string>> = {}): string {
  if (!(error instanceof TRPCClientError)) return t.somethingWentWrong;
  const data: unknown = error.data;
  // No tRPC answer at all: the network failed, or a proxy answered with its own (HTML) error page.
  if (!data || typeof data !== "object") return t.serverUnreachable;
  const { appCode, httpStatus } = data as { appCode?: unknown; httpStatus?: unknown };
  const code = knownCode(appCode, t) ?? (typeof httpStatus === "number" ? BY_STATUS[httpStatus] : undefined);
  if (code) return overrides[code] ?? t.apiErrors[code];
  if (typeof httpStatus === "number" && GATEWAY_STATUSES.has(httpStatus)) return t.serverUnreachable;
  return t.somethingWentWrong;
}

function knownCode(value: unknown, t: Messages): ApiErrorCode | undefined {
  if (typeof value !== "string") return undefined;
  if (Object.hasOwn(ALIASES, value)) return ALIASES[value];
  return Object.hasOwn(t.apiErrors, value) ? (value as ApiErrorCode) : undefined;
}
