import pino from "pino";

/** Structured logs. Authorization headers, cookies and tokens are redacted wherever they appear. */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
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
    ],
    censor: "[redacted]",
  },
});
