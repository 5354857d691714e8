import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsPlugin from "ajv-formats";
import type { oas31 } from "zod-openapi";
import { buildOpenApiDocument } from "../openapi/build-document";

// Checks a real answer of the API against the OpenAPI document, so that the document cannot drift
// from what the routes do: the status must be documented for the operation, the body must match the
// schema of that status and content type, and the headers it documents as required must be there.
// fetchApp and checkedFetch (test-http.ts) run every answer of the HTTP tests through it.

/** One answer, as a test saw it. */
export interface Exchange {
  method: string;
  /** Path and query, as requested. */
  url: string;
  status: number;
  headers: Headers;
  body: Uint8Array;
}

const METHOD_ORDER = ["get", "post", "put", "patch", "delete"] as const;
type DocMethod = (typeof METHOD_ORDER)[number];

/** The paths the document speaks for: the API under /api (tRPC has its own contract). */
function inScope(pathname: string): boolean {
  return pathname.startsWith("/api/") && !pathname.startsWith("/api/trpc/") && pathname !== "/api/trpc";
}

const addFormats = addFormatsPlugin as unknown as (ajv: Ajv2020) => void;

export class ResponseChecker {
  private readonly ajv: Ajv2020;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly templates: { template: string; pattern: RegExp; params: number }[];

  constructor(readonly document: oas31.OpenAPIObject = buildOpenApiDocument()) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addSchema(document as object, "openapi");
    this.templates = Object.keys(document.paths ?? {})
      .map((template) => ({
        template,
        pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{\w+\\?\}/g, "[^/]+")}$`),
        params: (template.match(/\{/g) ?? []).length,
      }))
      // A literal path wins over a template that also matches it.
      .sort((a, b) => a.params - b.params);
  }

  /** Throws, saying what differs, when the answer is not one the document describes. */
  check(exchange: Exchange): void {
    const pathname = exchange.url.split("?")[0]!;
    if (!inScope(pathname)) return;
    const where = `${exchange.method} ${exchange.url} answered ${exchange.status}`;
    const template = this.templates.find((candidate) => candidate.pattern.test(pathname))?.template;
    if (!template) {
      // Unknown paths are counted against the rate limits too, so a 429 may come first.
      if (exchange.status === 429) {
        this.checkResponse(
          where,
          this.componentResponse("RateLimitedAnywhere"),
          "#/components/responses/RateLimitedAnywhere",
          exchange,
          429,
        );
        return;
      }
      this.checkResponse(where, this.componentResponse("NoSuchEndpoint"), "#/components/responses/NoSuchEndpoint", exchange, 404);
      return;
    }
    const pathItem = this.document.paths![template]!;
    const methods = METHOD_ORDER.filter((method) => pathItem[method]);
    const allow = [...methods.map((m) => m.toUpperCase()), ...(pathItem.get ? ["HEAD"] : []), "OPTIONS"];
    const method = exchange.method.toLowerCase();
    if (method === "options") {
      this.checkResponse(where, this.componentResponse("Options"), "#/components/responses/Options", exchange, 204);
      this.checkAllow(where, exchange, allow);
      return;
    }
    const operationMethod = (method === "head" ? "get" : method) as DocMethod;
    const operation = (METHOD_ORDER as readonly string[]).includes(operationMethod) ? pathItem[operationMethod] : undefined;
    if (!operation) {
      this.checkResponse(where, this.componentResponse("MethodNotAllowed"), "#/components/responses/MethodNotAllowed", exchange, 405);
      this.checkAllow(where, exchange, allow);
      return;
    }
    const status = String(exchange.status);
    const key = [status, `${status[0]}XX`, "default"].find((candidate) => operation.responses?.[candidate]);
    if (!key) {
      throw new Error(
        `${where}, which the API document does not list for ${operationMethod.toUpperCase()} ${template} (it lists ${Object.keys(operation.responses ?? {}).join(", ")})`,
      );
    }
    const pointer = `#/paths/${escape(template)}/${operationMethod}/responses/${key}`;
    const response = this.resolve<oas31.ResponseObject>(operation.responses![key]!);
    this.checkResponse(where, response.value, response.pointer ?? pointer, exchange, exchange.status);
  }

  private checkResponse(where: string, response: oas31.ResponseObject, pointer: string, exchange: Exchange, status: number): void {
    if (exchange.status !== status) throw new Error(`${where}; the API document says ${status} here`);
    this.checkHeaders(where, response, exchange.headers);
    const noBody = exchange.method === "HEAD" || exchange.status === 204 || exchange.status === 304;
    if (!response.content) {
      if (!noBody && exchange.body.length > 0) throw new Error(`${where} with a body, but the API document describes none`);
      return;
    }
    if (noBody) return;
    const contentType = (exchange.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    const media = response.content[contentType];
    if (!media) {
      throw new Error(
        `${where} with Content-Type ${contentType || "(none)"}; the API document has ${Object.keys(response.content).join(", ")}`,
      );
    }
    if (contentType !== "application/json" || !media.schema) return;
    const text = new TextDecoder().decode(exchange.body);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(`${where} with a body that is not JSON: ${text.slice(0, 200)}`);
    }
    const validate = this.validator(`${pointer}/content/${escape(contentType)}/schema`);
    if (!validate(body)) {
      const problems = (validate.errors ?? [])
        .map((error) => `${error.instancePath || "(body)"} ${error.message} ${JSON.stringify(error.params)}`)
        .join("; ");
      throw new Error(`${where} with a body the API document does not describe: ${problems}\n${text.slice(0, 500)}`);
    }
  }

  private checkHeaders(where: string, response: oas31.ResponseObject, headers: Headers): void {
    for (const [name, headerOrRef] of Object.entries(response.headers ?? {})) {
      const { value: header, pointer } = this.resolve<oas31.HeaderObject>(headerOrRef);
      const value = headers.get(name);
      if (value === null) {
        if (header.required) throw new Error(`${where} without the header ${name}, which the API document says it has`);
        continue;
      }
      if (header.schema && pointer) {
        const validate = this.validator(`${pointer}/schema`);
        if (!validate(value)) throw new Error(`${where} with ${name}: ${value}, which does not match the API document`);
      }
    }
  }

  private checkAllow(where: string, exchange: Exchange, allow: string[]): void {
    const given = (exchange.headers.get("allow") ?? "").split(",").map((method) => method.trim());
    if (given.sort().join() !== [...allow].sort().join()) {
      throw new Error(`${where} with Allow: ${given.join(", ")}; the API document has ${allow.join(", ")} on this path`);
    }
  }

  private componentResponse(name: string): oas31.ResponseObject {
    const response = this.document.components?.responses?.[name];
    if (!response || "$ref" in response) throw new Error(`The API document has no response component ${name}`);
    return response;
  }

  /** Follows a $ref within the document; `pointer` is where the value is (for compiling its schemas). */
  private resolve<T>(value: T | oas31.ReferenceObject): { value: T; pointer?: string } {
    if (typeof value !== "object" || value === null || !("$ref" in value)) return { value: value as T };
    const pointer = value.$ref;
    const target = pointer
      .slice(2)
      .split("/")
      .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part.replaceAll("~1", "/").replaceAll("~0", "~")], this.document);
    if (target === undefined) throw new Error(`The API document's ${pointer} does not exist`);
    return { value: target as T, pointer };
  }

  private validator(pointer: string): ValidateFunction {
    let validate = this.validators.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `openapi${pointer}` });
      this.validators.set(pointer, validate);
    }
    return validate;
  }
}

/** A JSON pointer segment. */
function escape(segment: string): string {
  return segment.replaceAll("~", "~0").replaceAll("/", "~1");
}

let shared: ResponseChecker | undefined;

/** One checker over the document the server serves, for all tests of a file. */
export function responseChecker(): ResponseChecker {
  return (shared ??= new ResponseChecker());
}
