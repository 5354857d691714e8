import pino from "pino";
import { apiEnv } from "./env";

const env = apiEnv();

/**
 * Structured logs. Authorization headers, cookies and tokens are redacted wherever they appear.
 * `destination`: where the lines go (stdout by default; tests capture them).
 */
export function createLogger(destination?: pino.DestinationStream, level = env.LOG_LEVEL ?? (env.NODE_ENV === "test" ? "silent" : "info")) {
  return pino(
    {
      level,
      redact: {
        paths: [
          "*.authorization",
          "*.Authorization",
          "*.cookie",
          "*.token",
          "*.secret",
          "*.password",
          "headers.authorization",
          "req.headers.authorization",
          "req.headers.cookie",
        ],
        censor: "[redacted]",
      },
    },
    destination,
  );
}

export const logger = createLogger();
