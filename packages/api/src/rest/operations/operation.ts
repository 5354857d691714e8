import type { ZodOpenApiContentObject, ZodOpenApiRequestBodyObject } from "zod-openapi";
import type { ZodObject } from "zod";
import type { RestErrorCode } from "@minbil/contracts/rest/errors";
import type { Method } from "../../http/endpoint";
import type { ResponseHeaderName } from "./headers";

export interface OperationResponse {
  description: string;
  /** Media type → zod schema of the body (and examples); none for an empty answer. */
  content?: ZodOpenApiContentObject;
  /** Headers this answer always carries (from the catalogue in headers.ts). */
  headers?: ResponseHeaderName[];
}

/**
 * One REST operation, described once: its route takes method and path from here, and the OpenAPI
 * document (packages/api/src/openapi/build-document.ts) is built from every descriptor.
 */
export interface RestOperation {
  /** Unique and stable: the operationId of the document, and the method name of generated clients. */
  id: string;
  method: Method;
  /** OpenAPI syntax (`/api/ws/messages/thread/{booking_id}`); the route's Fastify path comes from `toFastifyPath`. */
  path: string;
  /** The group it is listed under in the reference. */
  tag: string;
  summary: string;
  description?: string;
  /** `bearer`: a workshop API token; `metrics`: the operators' METRICS_TOKEN; `none`: anyone may call. */
  auth: "bearer" | "metrics" | "none";
  /**
   * "send": it sends a message, so besides the caller's request budget it spends the token's send
   * budget (see http/rate-limit.ts); choose it for every operation that sends to customers.
   */
  rateLimit?: "send";
  request?: {
    /** The path's parameters: the keys must be the `{names}` of `path`. */
    path?: ZodObject;
    query?: ZodObject;
    headers?: ZodObject;
    body?: ZodOpenApiRequestBodyObject;
  };
  /** Every successful (and other non-error) answer by status. */
  responses: Record<number, OperationResponse>;
  /**
   * The error codes this operation can answer beyond the ones every operation of its kind can (the
   * builder adds those: see COMMON_ERRORS in openapi/errors.ts). Each code's status comes from REST_ERROR_CODES.
   */
  errors: RestErrorCode[];
}

/** Checks a descriptor's shape at compile time and keeps its literal types. */
export function defineOperation<const T extends RestOperation>(operation: T): T {
  return operation;
}

/** `/thread/{booking_id}` (OpenAPI) → `/thread/:booking_id` (Fastify): the one place the two syntaxes meet. */
export function toFastifyPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ":$1");
}
