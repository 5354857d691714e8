import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { REST_ERROR_CODES, type FieldIssue, type RestErrorCode } from "@minbil/contracts/rest/errors";
import { invalidValueProblem, isDatabaseUnavailable } from "@minbil/db/database-errors";
import { ApiErrorCause } from "./errors";
import { logger } from "./logger";

/** What any error means for the client: the one mapping behind REST error bodies and tRPC error shapes. */
export interface DescribedError {
  code: RestErrorCode;
  status: number;
  /** A sentence for the client. Never internal detail (database hosts, SQL, stack traces). */
  message: string;
  details?: FieldIssue[];
  retryAfter?: number;
  extra?: Record<string, unknown>;
  /** Our fault, not the client's: log it. */
  internal: boolean;
}

const DATABASE_RETRY_AFTER_SECONDS = 5;

/** tRPC's own errors (raised before our code runs) in our words. */
const TRPC_OWN: Partial<Record<TRPCError["code"], { code: RestErrorCode; message: string }>> = {
  PARSE_ERROR: { code: "BAD_REQUEST", message: "The request body is not valid JSON" },
  BAD_REQUEST: { code: "BAD_REQUEST", message: "The request is malformed" },
  NOT_FOUND: { code: "NOT_FOUND", message: "No such procedure" },
  METHOD_NOT_SUPPORTED: { code: "METHOD_NOT_ALLOWED", message: "This procedure does not take this HTTP method" },
  PAYLOAD_TOO_LARGE: { code: "PAYLOAD_TOO_LARGE", message: "The request is too large" },
  UNSUPPORTED_MEDIA_TYPE: { code: "UNSUPPORTED_MEDIA_TYPE", message: "Send application/json or multipart/form-data" },
  UNAUTHORIZED: { code: "UNAUTHORIZED", message: "Authentication required" },
  FORBIDDEN: { code: "FORBIDDEN", message: "Not allowed" },
  TIMEOUT: { code: "REQUEST_TIMEOUT", message: "The request took too long" },
  TOO_MANY_REQUESTS: { code: "RATE_LIMITED", message: "Too many requests; try again later" },
};

export function describeError(error: unknown): DescribedError {
  const cause = error instanceof TRPCError && error.cause ? error.cause : error;
  if (cause instanceof ApiErrorCause) {
    return {
      code: cause.code,
      status: cause.status,
      message: cause.message,
      details: cause.details,
      retryAfter: cause.retryAfter,
      extra: cause.extra,
      internal: false,
    };
  }
  if (cause instanceof ZodError) {
    const details = zodDetails(cause);
    // A size limit (see TOO_LARGE in the send schema) is 413 wherever it is found.
    const tooLarge = cause.issues.find((issue) => issue.code === "custom" && issue.params?.status === 413);
    if (tooLarge) return { code: "PAYLOAD_TOO_LARGE", status: 413, message: tooLarge.message, details, internal: false };
    return { code: "VALIDATION_FAILED", status: 422, message: describeIssues(details), details, internal: false };
  }
  if (isDatabaseUnavailable(error)) {
    return {
      code: "SERVICE_UNAVAILABLE",
      status: 503,
      message: "The service is briefly unavailable. Please try again in a few seconds.",
      retryAfter: DATABASE_RETRY_AFTER_SECONDS,
      internal: false,
    };
  }
  const invalid = invalidValueProblem(error);
  if (invalid) {
    // Validation should have caught it: say so in the log, where a gap in it can be found.
    logger.warn({ sqlState: invalid.sqlState }, "a request value reached the database and was refused there");
    return { code: "VALIDATION_FAILED", status: 422, message: `Validation failed: ${invalid.problem}`, internal: false };
  }
  // tRPC's own refusals; input that is not JSON comes with the parser's SyntaxError as cause.
  if (error instanceof TRPCError && error.cause instanceof SyntaxError && (error.code === "BAD_REQUEST" || error.code === "PARSE_ERROR")) {
    return { code: "BAD_REQUEST", status: 400, message: "The input is not valid JSON", internal: false };
  }
  if (error instanceof TRPCError && !error.cause) {
    const known = TRPC_OWN[error.code];
    if (known) return { ...known, status: REST_ERROR_CODES[known.code], internal: false };
  }
  return { code: "INTERNAL_ERROR", status: 500, message: "Something went wrong on our side. Please try again.", internal: true };
}

/** Validation issues as a list a developer can read: which field, what is wrong. */
export function zodDetails(error: ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ field: issue.path.map(String).join(".") || "(body)", message: issue.message }));
}

/** "Validation failed: booking_id is required (and 1 more problem)". */
export function describeIssues(details: FieldIssue[]): string {
  const first = details[0];
  if (!first) return "Validation failed";
  const more = details.length > 1 ? ` (and ${details.length - 1} more problem${details.length > 2 ? "s" : ""})` : "";
  const prefix = first.field !== "(body)" && !first.message.startsWith(first.field) ? `${first.field}: ` : "";
  return `Validation failed: ${prefix}${first.message}${more}`;
}
