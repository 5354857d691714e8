import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Secrets we must be able to use again (a webhook's signing secret: HMAC signing needs the secret
 * itself, so it cannot be hashed like API tokens) are kept encrypted with AES-256-GCM under a key
 * from MINBIL_ENCRYPTION_KEY: a copy of the database alone does not reveal them.
 */
export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
  /**
   * A 256-bit value only this server can compute from `value` (HMAC-SHA256 under a key of its own for
   * each `purpose`), base64url: customer links are made this way, so the database keeps only their
   * hash while the server can still put a booking's link into an SMS.
   */
  derive(purpose: string, value: string): string;
}

const VERSION = "v1";

export function createSecretBox(keyMaterial: string): SecretBox {
  // Any long random string works as key material; HKDF turns it into exactly 256 bits.
  const key = Buffer.from(hkdfSync("sha256", keyMaterial, "minbil", "secret-box v1", 32));
  const derivedKeys = new Map<string, Buffer>();
  const keyFor = (purpose: string) => {
    let derived = derivedKeys.get(purpose);
    if (!derived) {
      derived = Buffer.from(hkdfSync("sha256", keyMaterial, "minbil", `derive ${purpose} v1`, 32));
      derivedKeys.set(purpose, derived);
    }
    return derived;
  };
  return {
    derive(purpose, value) {
      return createHmac("sha256", keyFor(purpose)).update(value, "utf8").digest("base64url");
    },
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
    },
    open(sealed) {
      const [version, iv, tag, body] = sealed.split(".");
      if (version !== VERSION || !iv || !tag || body === undefined) throw new Error("Not a sealed secret of this version");
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
    },
  };
}

/**
 * The key material: MINBIL_ENCRYPTION_KEY, or (outside production) one generated once and kept in the
 * data folder, so development and the demo need no setup.
 */
export function resolveEncryptionKey(options: { configured: string | undefined; dataDir: string; allowGenerated: boolean }): string {
  if (options.configured) return options.configured;
  if (!options.allowGenerated) throw new Error("MINBIL_ENCRYPTION_KEY must be set in production (for example: openssl rand -base64 32)");
  const file = path.join(options.dataDir, "encryption-key");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
    } catch {
      // Another process made it first: use theirs.
    }
    return readFileSync(file, "utf8").trim();
  }
}
