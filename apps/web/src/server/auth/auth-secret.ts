import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { resolveDataDir } from "@minbil/db/config";

/**
 * NEXTAUTH_SECRET signs the session cookies. Production must set it. In development a random secret
 * is made once and kept in the data folder, so sessions survive restarts without any setup.
 */
export function authSecret(): string {
  const fromEnv = process.env.NEXTAUTH_SECRET?.trim();
  if (fromEnv) return fromEnv;
  if (process.env.NODE_ENV === "production" && process.env.MINBIL_ALLOW_GENERATED_SECRET !== "1") {
    throw new Error("NEXTAUTH_SECRET must be set in production (e.g. openssl rand -base64 32).");
  }
  const file = path.join(resolveDataDir(), "auth-secret");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
    return secret;
  }
}
