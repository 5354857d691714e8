// The app's server: one Node HTTP server per process (started by main.ts). The API (REST under /api/ws, tRPC under /api/trpc,
// health checks) is answered by our own HTTP layer (packages/api/src/http), everything else by Next.js.
// Run by `pnpm dev` (development, hot reload) and `pnpm start` / `pnpm demo` (the production build).
import { setMaxListeners } from "node:events";
import path from "node:path";
import next from "next";
import { createHttpApp } from "@minbil/api/http/http-app";
import { apiError } from "@minbil/api/errors";
import { logger } from "@minbil/api/logger";
import { eventBusSetting } from "@minbil/api/events/create-event-bus";
import { env, trustProxySetting } from "~/env";
import { startRuntime } from "./runtime";
import { setRuntime } from "./services";
import { authSecretProblem } from "./auth/auth-secret";
import { CLIENT_IP_HEADER, compileTrust, createClientIpResolver } from "./auth/client-ip";
import { sessionFromCookieHeader } from "./auth/session-cookie";

const WEB_DIR = path.resolve(import.meta.dirname, "../..");
/** In-flight requests get this long to finish at shutdown. */
const SHUTDOWN_GRACE_MS = 20_000;

const problem =
  authSecretProblem() ??
  (env.NODE_ENV === "production" && !env.MINBIL_DEMO && !env.MINBIL_ENCRYPTION_KEY
    ? "MINBIL_ENCRYPTION_KEY must be set in production (for example: openssl rand -base64 32)"
    : null) ??
  eventBusProblem();
if (problem) {
  console.error(`Not starting: ${problem}`);
  process.exit(1);
}

const runtime = startRuntime();
setRuntime(runtime);
runtime.started.catch((error: unknown) => {
  logger.fatal({ err: error }, "could not start");
  console.error(`Not starting: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  process.exit(1);
});

const development = env.NODE_ENV !== "production";
const nextApp = next({ dev: development, dir: WEB_DIR, hostname: env.HOST, port: env.PORT });
const handlePage = nextApp.getRequestHandler();
const trustProxy = compileTrust(trustProxySetting());
const clientIp = createClientIpResolver(trustProxy);
const shutdown = new AbortController();
// Every open event stream listens for the shutdown: hundreds of listeners are expected, not a leak.
setMaxListeners(0, shutdown.signal);

const services = () =>
  runtime.services().catch((error: unknown) => {
    throw apiError("SERVICE_UNAVAILABLE", error instanceof Error ? error.message : "The service is starting", undefined, 5);
  });
const app = createHttpApp({
  getServices: services,
  getRateLimits: async () => (await services()).limits.api,
  getSession: (headers) => sessionFromCookieHeader(headers.cookie),
  readiness: () => runtime.readiness(),
  trustProxy,
  shutdownSignal: shutdown.signal,
  metricsToken: env.METRICS_TOKEN,
  fallback: (request, response) => {
    // Pages learn the client's address from us (any such header from outside is replaced).
    request.headers[CLIENT_IP_HEADER] = clientIp(request);
    void handlePage(request, response);
  },
});

// Ready before listening: every page answers its first visit without compiling or loading on demand.
await nextApp.prepare();
await app.listen({ port: env.PORT, host: env.HOST });
if (development) app.server.on("upgrade", nextApp.getUpgradeHandler());
logger.info({ port: env.PORT, mode: development ? "development" : "production" }, "listening");
console.log(
  `MinBil Workshop Inbox on http://localhost:${env.PORT} (${development ? "development" : "production"}${env.MINBIL_DEMO ? ", demo data" : ""})`,
);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down: no new connections; finishing requests");
  // Open event streams end now, so their clients reconnect (to another instance) and resume.
  shutdown.abort();
  const force = setTimeout(() => {
    logger.warn("requests still running after the grace period; closing their connections");
    app.server.closeAllConnections();
  }, SHUTDOWN_GRACE_MS);
  force.unref();
  await app.close().catch((error) => logger.error({ err: error }, "closing the HTTP server failed"));
  await nextApp.close().catch(() => {});
  await runtime.close();
  clearTimeout(force);
  logger.info("stopped");
  process.exit(0);
}
process.once("SIGTERM", () => void stop("SIGTERM"));
process.once("SIGINT", () => void stop("SIGINT"));

/** EVENT_BUS and REDIS_URL that do not fit together, checked before anything starts. */
function eventBusProblem(): string | null {
  try {
    eventBusSetting(env);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}
