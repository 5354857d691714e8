import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

/** Settings of the API package, validated at start. */
export function apiEnv(runtimeEnv: Record<string, string | undefined> = process.env) {
  return createEnv({
    server: {
      NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
      /** pino level; tests are silent by default. */
      LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
    },
    runtimeEnv,
    emptyStringAsUndefined: true,
  });
}
