import { z } from "zod";
import { defineOperation } from "./operation";

// The API document itself: route in ../../openapi/openapi.routes.ts.

export const openApiDocumentOperation = defineOperation({
  id: "getOpenApiDocument",
  method: "GET",
  path: "/api/ws/openapi.json",
  tag: "API document",
  summary: "This OpenAPI document",
  description:
    "The whole REST API as OpenAPI 3.1, generated from the schemas that validate its requests and answers. No token needed. Generate a typed client from it, e.g. `npx openapi-typescript <base URL>/api/ws/openapi.json -o minbil.d.ts`; a readable reference is at `/docs/api`.",
  auth: "none",
  responses: {
    200: {
      description: "The OpenAPI document",
      content: {
        "application/json": {
          schema: z.looseObject({ openapi: z.string(), info: z.looseObject({ title: z.string(), version: z.string() }) }).meta({
            description: "An OpenAPI 3.1 document",
          }),
        },
      },
    },
  },
  errors: [],
});
