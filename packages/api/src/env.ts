import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";
import { invalidSettings } from "@minbil/db/env";
import { RATE_LIMIT_DEFAULTS } from "@minbil/contracts/rest/rate-limits";

/** A quota of a rate-limit policy: requests per window (see contracts/src/rest/rate-limits.ts for why the defaults). */
const quota = (fallback: number) => z.coerce.number().int().min(1).max(1_000_000).default(fallback);

/** Settings of the API package, validated at start. */
export function apiEnv(runtimeEnv: Record<string, string | undefined> = process.env) {
  return createEnv({
    server: {
      NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
      /** pino level; tests are silent by default. */
      LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
      /**
       * A request body must keep arriving at 10 kB/s or more, measured over windows of this many
       * milliseconds; a slower one is cut off with 408 (a trickling upload must not hold a connection).
       */
      HTTP_BODY_TIMEOUT_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
      /** The window of every API rate limit, in seconds. */
      RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(RATE_LIMIT_DEFAULTS.windowSeconds),
      /** Requests per window with one API token (sends included). */
      RATE_LIMIT_TOKEN_REQUESTS: quota(RATE_LIMIT_DEFAULTS.token),
      /** Messages sent per window with one API token. */
      RATE_LIMIT_TOKEN_SENDS: quota(RATE_LIMIT_DEFAULTS.send),
      /** Requests without valid credentials per window from one client address. */
      RATE_LIMIT_ADDRESS_REQUESTS: quota(RATE_LIMIT_DEFAULTS.address),
      /** The inbox's calls per window per signed-in staff member. */
      RATE_LIMIT_STAFF_REQUESTS: quota(RATE_LIMIT_DEFAULTS.staff),
    },
    runtimeEnv,
    emptyStringAsUndefined: true,
    onValidationError: invalidSettings,
  });
}
export type ApiEnv = ReturnType<typeof apiEnv>;
