import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

const milliseconds = (fallback: number) => z.coerce.number().int().min(100).max(600_000).default(fallback);

/** A bad setting named in one line each ("PORT: must be ..."), thrown by every env module of the repo. */
export function invalidSettings(issues: readonly { path?: readonly (PropertyKey | { key: PropertyKey })[]; message: string }[]): never {
  const lines = issues.map((issue) => {
    const name = issue.path?.map((part) => String(typeof part === "object" ? part.key : part)).join(".") ?? "(setting)";
    return `${name}: ${issue.message}`;
  });
  throw new Error(`invalid setting${lines.length > 1 ? "s" : ""}: ${lines.join("; ")}`);
}

/** The database settings, validated: a malformed value stops the process at start, naming the variable. */
export function dbEnv(runtimeEnv: Record<string, string | undefined> = process.env) {
  return createEnv({
    server: {
      /** A PostgreSQL server; unset: the embedded database in MINBIL_DATA_DIR. */
      DATABASE_URL: z
        .string()
        .regex(/^postgres(ql)?:\/\//, { error: "must be a postgresql:// connection string (leave it unset for the embedded database)" })
        .optional(),
      /** Folder of the embedded database and of stored attachments (default `<repo>/.data`). */
      MINBIL_DATA_DIR: z.string().optional(),
      /** Connections per app process to PostgreSQL. */
      DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
      /** How long to wait for a PostgreSQL connection before the request answers 503. */
      DATABASE_CONNECT_TIMEOUT_MS: milliseconds(3_000),
      /** How long one query may take before it is given up (a frozen server must not hang requests). */
      DATABASE_QUERY_TIMEOUT_MS: milliseconds(10_000),
    },
    runtimeEnv,
    emptyStringAsUndefined: true,
    onValidationError: invalidSettings,
  });
}
export type DbEnv = ReturnType<typeof dbEnv>;
