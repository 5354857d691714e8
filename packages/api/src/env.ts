import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";
import { invalidSettings } from "@minbil/db/env";

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
    },
    runtimeEnv,
    emptyStringAsUndefined: true,
    onValidationError: invalidSettings,
  });
}
