import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { ZodError } from "zod";
import type { RestErrorBody, RestErrorCode } from "@minbil/contracts/rest/errors";
import { REST_ERROR_CODES } from "@minbil/contracts/rest/errors";
import { ApiErrorCause } from "../errors";
import { logger } from "../logger";

export function errorResponse(code: RestErrorCode, message: string, details?: unknown, headers?: HeadersInit): Response {
  const body: RestErrorBody = { success: false, message, error: { code, ...(details === undefined ? {} : { details }) } };
  const response = Response.json(body, { status: REST_ERROR_CODES[code], headers });
  if (code === "UNAUTHORIZED") {
    const invalid = /invalid|revoked|expired/i.test(message);
    response.headers.set("WWW-Authenticate", invalid ? 'Bearer realm="minbil", error="invalid_token"' : 'Bearer realm="minbil"');
  }
  return response;
}

/** Validation issues as a list a developer can read: which field, what is wrong. */
export function validationDetails(error: ZodError): { field: string; message: string }[] {
  return error.issues.map((issue) => ({ field: issue.path.join(".") || "(body)", message: issue.message }));
}

function describe(error: ZodError): string {
  const first = error.issues[0];
  const field = first?.path.join(".");
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem${error.issues.length > 2 ? "s" : ""})` : "";
  const message = first?.message ?? "invalid input";
  const prefix = field && !message.startsWith(field) ? `${field}: ` : "";
  return `Validation failed: ${prefix}${message}${more}`;
}

/** Any error from a procedure or from reading the request, as the REST error body and status. */
export function toErrorResponse(error: unknown): Response {
  const cause = error instanceof TRPCError ? error.cause : error;
  if (cause instanceof ApiErrorCause) return errorResponse(cause.code, cause.message, cause.details);
  if (cause instanceof ZodError) return errorResponse("VALIDATION_FAILED", describe(cause), validationDetails(cause));
  if (error instanceof TRPCError) {
    const status = getHTTPStatusCodeFromError(error);
    const code = (Object.entries(REST_ERROR_CODES).find(([, value]) => value === status)?.[0] ?? "INTERNAL_ERROR") as RestErrorCode;
    if (status < 500) return errorResponse(code, error.message);
  }
  logger.error({ err: error }, "unhandled error in REST route");
  return errorResponse("INTERNAL_ERROR", "Something went wrong on our side. Please try again.");
}
