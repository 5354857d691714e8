import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";
import { dbEnv, invalidSettings } from "@minbil/db/env";
import { apiEnv } from "@minbil/api/env";

const flag = z
  .enum(["true", "false", "1", "0", "yes", "no"], { error: "must be true or false" })
  .transform((value) => value === "true" || value === "1" || value === "yes");

/**
 * Every setting of the web app, validated once: a missing or malformed one stops the server at start
 * with its name. Each is documented in the README's settings table; turbo.json passes each to `pnpm dev`.
 */
export const env = createEnv({
  extends: [dbEnv(), apiEnv()],
  server: {
    PORT: z.coerce.number().int().min(0).max(65_535).default(5000),
    /** Address to listen on. */
    HOST: z.string().default("0.0.0.0"),
    /** Signs the session cookies. Required in production; the demo keeps a generated one in its data folder. */
    NEXTAUTH_SECRET: z.string().min(32, { error: "must be at least 32 characters (e.g. openssl rand -base64 32)" }).optional(),
    /** The app's public URL (https://… in production): secure cookies, and links printed for people. */
    NEXTAUTH_URL: z.url({ error: "must be the app's public URL, e.g. https://inbox.example.no" }).optional(),
    /**
     * Which proxies in front of the app to believe about the client's address (X-Forwarded-For), as in
     * Express: unset or "false" none; "true" any; a number of hops; or addresses/CIDRs/"loopback", comma-separated.
     */
    TRUST_PROXY: z.string().default("false"),
    /** Demo mode: fill an empty database with demo data and print the demo sign-ins at every start. */
    MINBIL_DEMO: flag.default(false),
    /** Demo only: this value becomes the nordlys-bil workshop's API token (so the API document's examples run). */
    MINBIL_WS_ACCESS_TOKEN: z.string().min(8, { error: "must be at least 8 characters" }).optional(),
    /** The base URL printed in the demo's examples (default http://localhost:PORT). */
    MINBIL_API_BASE_URL: z.url().optional(),
    /** The address customers reach the app at: their links (/c/<token>) start with it. Default NEXTAUTH_URL, else http://localhost:PORT. */
    MINBIL_PUBLIC_URL: z.url({ error: "must be the app's public URL, e.g. https://inbox.example.no" }).optional(),
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
  onValidationError: invalidSettings,
});

/** TRUST_PROXY as fastify and proxy-addr take it. */
export function trustProxySetting(value = env.TRUST_PROXY): boolean | number | string[] {
  const trimmed = value.trim().toLowerCase();
  if (trimmed === "" || trimmed === "false") return false;
  if (trimmed === "true") return true;
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  return value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
}
