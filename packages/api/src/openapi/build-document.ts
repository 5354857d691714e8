import { z } from "zod";
import {
  createDocument,
  type CreateDocumentOptions,
  type oas31,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponseObject,
} from "zod-openapi";
import { REST_ERROR_CODES, restErrorBody, type RestErrorCode } from "@minbil/contracts/rest/errors";
import { REST_OPERATIONS } from "../rest/operations";
import { RESPONSE_HEADERS, type ResponseHeaderName } from "../rest/operations/headers";
import type { RestOperation } from "../rest/operations/operation";
import { commonErrors, ERROR_CODE_DOCS } from "./errors";
import { buildWebhooks } from "./webhooks";

// The OpenAPI 3.1 document of the REST API, built from the operation descriptors (rest/operations)
// and the zod schemas they name. Served at GET /api/ws/openapi.json (openapi.routes.ts).

const DESCRIPTION = `
The REST API of the MinBil Workshop Inbox: partner systems read a workshop's message threads and send
messages, with files. Every request carries \`Authorization: Bearer <workshop API token>\`; a token sees
only its own workshop. The API is for servers: it sends no CORS headers.

**Errors** always have one body, \`{"success": false, "message", "error": {"code", "details"?}}\`;
\`details\`, when present, lists \`{field, message}\`. Each \`code\` answers with one status.

**Methods**: \`OPTIONS\` on a path answers 204 with \`Allow\` listing its methods; another method gets
405 \`METHOD_NOT_ALLOWED\` with the same \`Allow\`. \`HEAD\` comes with every \`GET\`.

**Rate limits**: answers under \`/api/ws\` carry \`RateLimit-Policy\` and \`RateLimit\`; over the limit,
429 \`RATE_LIMITED\` with \`Retry-After\`.

**Pages**: lists return \`meta.next_cursor\` and \`meta.has_more\`; pass the cursor back as \`cursor\`.

**Webhooks** (see *Webhooks*) deliver the workshop's events as they happen, signed as Standard Webhooks.
`.trim();

const TAGS: oas31.TagObject[] = [
  { name: "Messages", description: "Threads (one per booking) and their messages" },
  { name: "Attachments", description: "The files of messages" },
  { name: "Staff", description: "The workshop's staff, for assigning threads" },
  { name: "Templates", description: "The workshop's message templates, for sending with `template_id`" },
  { name: "Health", description: "For load balancers" },
  { name: "API document", description: "This document" },
  { name: "Webhooks", description: "What we send to a workshop's webhook endpoints" },
];

/** Headers on every answer; under /api/ws also the rate-limit headers. */
function everyAnswerHeaders(operation: RestOperation): ResponseHeaderName[] {
  return ["X-Request-Id", ...(operation.path.startsWith("/api/ws/") ? (["RateLimit-Policy", "RateLimit"] as const) : [])];
}

/** Headers an error status always carries. */
const ERROR_HEADERS: Partial<Record<number, ResponseHeaderName[]>> = {
  401: ["WWW-Authenticate"],
  405: ["Allow"],
  429: ["Retry-After"],
  503: ["Retry-After"],
};

function headerRefs(names: ResponseHeaderName[]): Record<string, oas31.ReferenceObject> {
  return Object.fromEntries([...new Set(names)].map((name) => [name, { $ref: `#/components/headers/${name}` }]));
}

/** The error body, its `error.code` narrowed to the codes this answer can carry. */
function errorResponse(codes: RestErrorCode[], headers: ResponseHeaderName[]): ZodOpenApiResponseObject {
  return {
    description: codes.map((code) => `\`${code}\`: ${ERROR_CODE_DOCS[code].when}`).join("; "),
    headers: headerRefs(headers),
    content: {
      "application/json": {
        schema: z.intersection(restErrorBody, z.looseObject({ error: z.looseObject({ code: z.enum(codes) }) })),
        examples: Object.fromEntries(
          codes.map((code) => {
            const { message, ...error } = ERROR_CODE_DOCS[code].example;
            return [code, { summary: code, value: { success: false, message, error: { code, ...error } } }];
          }),
        ),
      },
    },
  };
}

function operationObject(operation: RestOperation): ZodOpenApiOperationObject {
  const pathParams = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
  const described = Object.keys(operation.request?.path?.shape ?? {});
  if (pathParams.join() !== described.join()) {
    throw new Error(
      `${operation.id}: the path has {${pathParams.join("}, {")}}, the descriptor describes ${described.join(", ") || "none"}`,
    );
  }
  const always = everyAnswerHeaders(operation);
  const responses: Record<string, ZodOpenApiResponseObject> = {};
  for (const [status, response] of Object.entries(operation.responses)) {
    responses[status] = { ...response, headers: headerRefs([...always, ...(response.headers ?? [])]) };
  }
  const byStatus = new Map<number, RestErrorCode[]>();
  for (const code of new Set([...operation.errors, ...commonErrors(operation)])) {
    const status = REST_ERROR_CODES[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    if (responses[status]) throw new Error(`${operation.id}: status ${status} is both an answer and an error`);
    responses[status] = errorResponse(codes, [...always, ...(ERROR_HEADERS[status] ?? [])]);
  }
  const { path, query, headers, body } = operation.request ?? {};
  return {
    operationId: operation.id,
    tags: [operation.tag],
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    ...(operation.auth === "none" ? { security: [] } : operation.auth === "metrics" ? { security: [{ metricsToken: [] }] } : {}),
    requestParams: { ...(path ? { path } : {}), ...(query ? { query } : {}), ...(headers ? { header: headers } : {}) },
    ...(body ? { requestBody: body } : {}),
    responses,
  };
}

/** Smaller schemas for readers: no JavaScript safe-integer bounds, no regular expression beside `format: date-time`. */
const tidy: CreateDocumentOptions["override"] = ({ jsonSchema }) => {
  if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
  if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
  if (jsonSchema.format === "date-time") delete jsonSchema.pattern;
};

export function buildOpenApiDocument(operations: readonly RestOperation[] = REST_OPERATIONS): oas31.OpenAPIObject {
  const paths: ZodOpenApiPathsObject = {};
  for (const operation of operations) {
    const item = (paths[operation.path] ??= {});
    const method = operation.method.toLowerCase() as Lowercase<RestOperation["method"]>;
    if (item[method]) throw new Error(`Two descriptors for ${operation.method} ${operation.path}`);
    item[method] = operationObject(operation);
  }
  const opts: CreateDocumentOptions = { override: tidy };
  const document = createDocument(
    {
      openapi: "3.1.0",
      info: { title: "MinBil Workshop Inbox API", version: "1.0.0", description: DESCRIPTION },
      servers: [{ url: "/", description: "This server" }],
      tags: TAGS,
      security: [{ bearerAuth: [] }],
      paths,
      components: {
        securitySchemes: {
          bearerAuth: {
            type: "http",
            scheme: "bearer",
            description: "A workshop API token (`pnpm run token create --workshop <slug> --name <name>`); it sees only its own workshop",
          },
          metricsToken: {
            type: "http",
            scheme: "bearer",
            description: "The operators' `METRICS_TOKEN` (a server setting), for `/api/metrics` only",
          },
        },
        headers: Object.fromEntries(
          Object.entries(RESPONSE_HEADERS).map(([name, header]) => [name, header.required ? header.schema : header.schema.optional()]),
        ),
        responses: {
          MethodNotAllowed: {
            ...errorResponse(["METHOD_NOT_ALLOWED"], ["X-Request-Id", "Allow"]),
            description: "Any method a path does not have (`Allow` lists the ones it has)",
          },
          NoSuchEndpoint: {
            ...errorResponse(["NOT_FOUND"], ["X-Request-Id"]),
            description: "A path under /api/ws that is not in this document",
          },
          RateLimitedAnywhere: {
            ...errorResponse(["RATE_LIMITED"], ["X-Request-Id", "Retry-After"]),
            description: "Any /api/ws request over a rate limit, also to a path that is not in this document",
          },
          Options: { description: "`OPTIONS` on any path: its methods", headers: headerRefs(["X-Request-Id", "Allow"]) },
        },
      },
    },
    opts,
  );
  // An optional header's description stays in its schema; readers look for it on the header.
  for (const header of Object.values(document.components?.headers ?? {})) {
    if ("schema" in header && header.schema && !("$ref" in header.schema) && !header.description)
      header.description = header.schema.description;
  }
  const { webhooks, schemas } = buildWebhooks(opts);
  document.webhooks = webhooks;
  const components = (document.components ??= {});
  for (const [name, schema] of Object.entries(schemas)) {
    const existing = components.schemas?.[name];
    if (existing && JSON.stringify(existing) !== JSON.stringify(schema)) {
      throw new Error(`The webhooks and the operations render the schema ${name} differently`);
    }
  }
  components.schemas = { ...schemas, ...components.schemas };
  return document;
}

let cached: string | undefined;

/** The document as JSON, built once per process. */
export function openApiDocumentJson(): string {
  return (cached ??= JSON.stringify(buildOpenApiDocument()));
}
