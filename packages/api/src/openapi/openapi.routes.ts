import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { FastifyInstance } from "fastify";
import { publicRoute, registerRoutes, type EndpointDeps } from "../http/endpoint";
import { openApiDocumentOperation } from "../rest/operations/document.operations";
import { openApiDocumentJson } from "./build-document";

/** The readable reference, rendered in the browser by Scalar from the document; every asset is ours. */
export const DOCS_PATH = "/docs/api";
const SCALAR_PATH = `${DOCS_PATH}/scalar.js`;
const INIT_PATH = `${DOCS_PATH}/init.js`;

/**
 * The docs page's own Content-Security-Policy (the API's is `default-src 'none'`): scripts only from
 * this origin (no inline script: the configuration is in init.js), Scalar's injected styles, and
 * connections to this origin only (the document; "Test request" calls this API itself).
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>MinBil Workshop Inbox API reference</title>
  </head>
  <body>
    <noscript>This reference needs JavaScript. The API document itself: <a href="/api/ws/openapi.json">/api/ws/openapi.json</a>.</noscript>
    <div id="reference"></div>
    <script src="${SCALAR_PATH}"></script>
    <script src="${INIT_PATH}"></script>
  </body>
</html>
`;

// Nothing leaves this origin: no fonts from Scalar's CDN, no telemetry, no AI agent, no request proxy
// ("Test request" calls this API directly), no toolbar (its "Share" uploads the document). The mount
// point is not #api-reference: the bundle mounts a second, unconfigured reference on an element of that id.
const INIT = `Scalar.createApiReference("#reference", ${JSON.stringify({
  url: "/api/ws/openapi.json",
  withDefaultFonts: false,
  telemetry: false,
  agent: { disabled: true },
  proxyUrl: "",
  showToolbar: "never",
  showDeveloperTools: "never",
  documentDownloadType: "json",
})});
`;

let scalarBundle: Promise<Buffer> | undefined;

/** Scalar's standalone bundle, from the installed @scalar/api-reference (read once). */
function scalarStandalone(): Promise<Buffer> {
  scalarBundle ??= readFile(createRequire(import.meta.url).resolve("@scalar/api-reference/browser/standalone.js"));
  return scalarBundle;
}

/** GET /api/ws/openapi.json (built once per process) and the reference at /docs/api. */
export function registerOpenApiRoutes(app: FastifyInstance, deps: EndpointDeps): void {
  registerRoutes(app, deps, [
    publicRoute(openApiDocumentOperation, async (_request, reply) =>
      reply.type("application/json; charset=utf-8").send(openApiDocumentJson()),
    ),
  ]);
  app.get(DOCS_PATH, async (_request, reply) =>
    reply.header("Content-Security-Policy", DOCS_CSP).type("text/html; charset=utf-8").send(PAGE),
  );
  app.get(INIT_PATH, async (_request, reply) => reply.type("text/javascript; charset=utf-8").send(INIT));
  app.get(SCALAR_PATH, async (_request, reply) =>
    reply
      .header("Cache-Control", "public, max-age=3600")
      .type("text/javascript; charset=utf-8")
      .send(await scalarStandalone()),
  );
}
