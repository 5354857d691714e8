import { validate, compileErrors } from "@readme/openapi-parser";
import type { OpenAPIV3_1 } from "openapi-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EVENT_TYPES } from "@minbil/contracts/events/event.schema";
import { REST_ERROR_CODES } from "@minbil/contracts/rest/errors";
import type { FastifyInstance } from "fastify";
import { REST_OPERATIONS } from "../rest/operations";
import { toFastifyPath } from "../rest/operations/operation";
import { createTestServices, type TestServices } from "../testing/test-services";
import { createTestHttpApp, fetchApp } from "../testing/test-http";
import { buildOpenApiDocument } from "./build-document";

const document = buildOpenApiDocument();

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    // A copy: the validator dereferences in place.
    const result = await validate(structuredClone(document) as unknown as OpenAPIV3_1.Document);
    expect(result.valid, result.valid ? "" : compileErrors(result)).toBe(true);
    expect(document.openapi).toBe("3.1.0");
  });

  it("has every operation descriptor, once, with its error answers in the one error body", () => {
    const operationIds = Object.values(document.paths ?? {}).flatMap((item) =>
      (["get", "post", "put", "patch", "delete"] as const).flatMap((method) => (item[method] ? [item[method]!.operationId] : [])),
    );
    expect(operationIds.sort()).toEqual(REST_OPERATIONS.map((operation) => operation.id).sort());
    for (const operation of REST_OPERATIONS) {
      const responses = document.paths![operation.path]![operation.method.toLowerCase() as "get"]!.responses!;
      for (const code of operation.errors) {
        const response = responses[REST_ERROR_CODES[code]] as OpenAPIV3_1.ResponseObject;
        expect(response, `${operation.id} ${code}`).toBeDefined();
        const schema = response.content!["application/json"]!.schema as OpenAPIV3_1.SchemaObject;
        expect(schema.allOf![0]).toEqual({ $ref: "#/components/schemas/ErrorBody" });
        expect(JSON.stringify(schema.allOf![1])).toContain(`"${code}"`);
      }
      if (operation.auth !== "none") {
        expect(Object.keys((responses[401] as OpenAPIV3_1.ResponseObject).headers!)).toContain("WWW-Authenticate");
      }
      if (operation.auth === "bearer") {
        expect(Object.keys((responses[503] as OpenAPIV3_1.ResponseObject).headers!)).toContain("Retry-After");
      }
      if (operation.path.startsWith("/api/ws/")) {
        expect(Object.keys((responses[429] as OpenAPIV3_1.ResponseObject).headers!)).toEqual(
          expect.arrayContaining(["RateLimit-Policy", "RateLimit", "Retry-After"]),
        );
      }
    }
  });

  it("has the Bearer scheme on every operation but the public ones", () => {
    expect(document.security).toEqual([{ bearerAuth: [] }]);
    expect(document.components?.securitySchemes?.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    const publicOnes = REST_OPERATIONS.filter((operation) => operation.auth === "none");
    // The health checks, the document itself, and the customer's page (its link's token in the path is its credential).
    expect([...new Set(publicOnes.map((operation) => operation.path))].sort()).toEqual([
      "/api/customer/{token}",
      "/api/customer/{token}/attachments/{attachment_id}",
      "/api/customer/{token}/estimates/{estimate_id}/decision",
      "/api/customer/{token}/messages",
      "/api/customer/{token}/seen",
      "/api/livez",
      "/api/readyz",
      "/api/ws/openapi.json",
    ]);
    for (const operation of publicOnes) {
      const method = operation.method.toLowerCase() as "get" | "post";
      expect(document.paths![operation.path]![method]!.security).toEqual([]);
    }
    // The metrics take the operators' token, not a workshop's.
    expect(document.paths!["/api/metrics"]!.get!.security).toEqual([{ metricsToken: [] }]);
    expect(document.components?.securitySchemes?.metricsToken).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("shows the send body in all three forms, files as binary strings in multipart", () => {
    const content = (document.paths!["/api/ws/messages"]!.post!.requestBody as OpenAPIV3_1.RequestBodyObject).content;
    expect(Object.keys(content)).toEqual(["application/json", "multipart/form-data", "application/x-www-form-urlencoded"]);
    const multipart = content["multipart/form-data"]!.schema as OpenAPIV3_1.SchemaObject;
    expect(multipart.properties!.attachments).toMatchObject({ type: "array", items: { type: "string", format: "binary" } });
    for (const alias of ["message", "content", "text", "bookingId", "files", "file", "attachments[]"]) {
      expect(multipart.properties, alias).toHaveProperty([alias]);
    }
    expect(multipart.required).toEqual(["booking_id"]);
    // Numbers or digit strings (paths, forms) come out as such, not as an empty schema.
    expect(document.components!.schemas!.BookingId).toMatchObject({ anyOf: [{ type: "number" }, { type: "string", pattern: "^\\d+$" }] });
  });

  it("has one webhook per event type, its payload the event with the Standard Webhooks headers", () => {
    expect(Object.keys(document.webhooks ?? {}).sort()).toEqual([...EVENT_TYPES].sort());
    for (const type of EVENT_TYPES) {
      const post = (document.webhooks![type] as OpenAPIV3_1.PathItemObject).post!;
      expect((post.parameters as OpenAPIV3_1.ParameterObject[]).map((parameter) => parameter.name)).toEqual([
        "webhook-id",
        "webhook-timestamp",
        "webhook-signature",
      ]);
      const schema = (post.requestBody as OpenAPIV3_1.RequestBodyObject).content["application/json"]!.schema as OpenAPIV3_1.ReferenceObject;
      const payload = document.components!.schemas![schema.$ref.split("/").pop()!] as OpenAPIV3_1.SchemaObject;
      expect(Object.keys(payload.properties!)).toEqual(["type", "timestamp", "data"]);
      expect(payload.properties!.type).toMatchObject({ const: type });
    }
    // The payloads share the answers' components (one Message, not a Message and a MessageOutput).
    expect(Object.keys(document.components!.schemas!).filter((name) => name.endsWith("Output"))).toEqual([]);
  });
});

describe("serving it", () => {
  let services: TestServices;
  let app: FastifyInstance;
  let call: ReturnType<typeof fetchApp>;
  beforeAll(async () => {
    services = await createTestServices();
    app = await createTestHttpApp(services);
    call = fetchApp(app);
  });
  afterAll(() => services?.close());

  it("registers a route for every documented operation, from its descriptor", () => {
    for (const operation of REST_OPERATIONS) {
      expect(app.hasRoute({ method: operation.method, url: toFastifyPath(operation.path) }), operation.id).toBe(true);
    }
  });

  it("answers GET /api/ws/openapi.json without a token, the same document every time", async () => {
    const res = await call("/api/ws/openapi.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(document)));
    expect(await (await call("/api/ws/openapi.json")).text()).toBe(await (await call("/api/ws/openapi.json")).text());
    expect((await call("/api/ws/openapi.json", { method: "POST" })).status).toBe(405);
  });

  it("serves the reference at /docs/api with every asset from this origin, under its own CSP", async () => {
    const page = await call("/docs/api");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const csp = page.headers.get("content-security-policy")!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/https?:|unsafe-eval/);
    const html = await page.text();
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    const scripts = [...html.matchAll(/<script src="([^"]+)"/g)].map((match) => match[1]!);
    expect(scripts).toEqual(["/docs/api/scalar.js", "/docs/api/init.js"]);
    for (const script of scripts) {
      const res = await call(script);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    }
    const init = await (await call("/docs/api/init.js")).text();
    expect(init).toContain('"url":"/api/ws/openapi.json"');
    expect(init).toContain('"withDefaultFonts":false');
    // The API's own CSP elsewhere is unchanged.
    expect((await call("/api/ws/openapi.json")).headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});
