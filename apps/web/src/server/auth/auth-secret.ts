import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { resolveDataDir } from "@minbil/db/config";
import { env } from "~/env";

let cached: string | undefined;

/** Why the server cannot sign sessions, or null when it can. Checked once at start (see main.ts). */
export function authSecretProblem(): string | null {
  if (env.NEXTAUTH_SECRET || env.NODE_ENV !== "production" || env.MINBIL_DEMO) return null;
  return "NEXTAUTH_SECRET must be set in production (for example: openssl rand -base64 32)";
}

/**
 * The key that signs and encrypts session cookies: NEXTAUTH_SECRET, or, for development and the demo,
 * a random one made once and kept in the data folder (so sessions survive restarts with no setup).
 */
export function authSecret(): string {
  if (cached) return cached;
  const problem = authSecretProblem();
  if (problem) throw new Error(problem);
  if (env.NEXTAUTH_SECRET) return (cached = env.NEXTAUTH_SECRET);
  const file = path.join(resolveDataDir(), "auth-secret");
  try {
    return (cached = readFileSync(file, "utf8").trim());
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
    } catch {
      // Another process made it first: use theirs.
    }
    return (cached = readFileSync(file, "utf8").trim());
  }
}
