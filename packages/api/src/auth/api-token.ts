import { createHash, randomBytes } from "node:crypto";
import { Prisma, type PrismaClient } from "@minbil/db/client";
import { readRows } from "@minbil/db/read-rows";

// Partner systems authenticate with a long random secret. Only its SHA-256 is stored: the secret has
// 256 bits of entropy, so a fast hash is enough (passwords, which have little, use argon2 instead).

const TOKEN_PREFIX = "mbw_";
/** How stale last_used_at may get before a request writes it again (one write a minute, not one per request). */
const LAST_USED_RESOLUTION_MS = 60_000;

export function generateApiTokenSecret(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

export function hashApiToken(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** The first characters of a secret, kept so that people can tell their tokens apart. */
export function tokenDisplayPrefix(secret: string): string {
  // Our own secrets show their fixed "mbw_" and 6 random characters; a chosen one only a quarter, at most 4.
  return secret.startsWith(TOKEN_PREFIX)
    ? secret.slice(0, TOKEN_PREFIX.length + 6)
    : secret.slice(0, Math.min(4, Math.floor(secret.length / 4)));
}

export interface ApiTokenIdentity {
  tokenId: string;
  workshopId: string;
  name: string;
}

/** The workshop a bearer secret belongs to, or null for an unknown or revoked one. */
export async function resolveApiToken(db: PrismaClient, secret: string): Promise<ApiTokenIdentity | null> {
  if (!secret || secret.length > 512) return null;
  // Every partner request starts here: raw SQL, read past the ORM (see read-rows.ts).
  const [token] = await readRows<{ id: string; workshopId: string; name: string; revokedAt: Date | null; lastUsedAt: Date | null }>(
    db,
    Prisma.sql`SELECT id, workshop_id AS "workshopId", name, revoked_at AS "revokedAt", last_used_at AS "lastUsedAt"
               FROM api_tokens WHERE token_hash = ${hashApiToken(secret)}`,
  );
  if (!token || token.revokedAt) return null;
  const now = new Date();
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
  }
  return { tokenId: token.id, workshopId: token.workshopId, name: token.name };
}

export interface CreatedApiToken {
  id: string;
  name: string;
  prefix: string;
  /** Shown once; only its hash is stored. */
  secret: string;
  createdAt: Date;
}

export async function createApiToken(
  db: PrismaClient,
  workshopId: string,
  name: string,
  secret: string = generateApiTokenSecret(),
): Promise<CreatedApiToken> {
  const row = await db.apiToken.create({
    data: { workshopId, name, tokenHash: hashApiToken(secret), prefix: tokenDisplayPrefix(secret) },
    select: { id: true, name: true, prefix: true, createdAt: true },
  });
  return { ...row, secret };
}
