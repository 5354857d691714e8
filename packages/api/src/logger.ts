import pino from "pino";
import { apiEnv } from "./env";

const env = apiEnv();

/** Structured logs. Authorization headers, cookies and tokens are redacted wherever they appear. */
export const logger = pino({
  level: env.LOG_LEVEL ?? (env.NODE_ENV === "test" ? "silent" : "info"),
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
});
