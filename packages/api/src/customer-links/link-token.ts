import { createHash, randomBytes } from "node:crypto";
import type { SecretBox } from "../crypto/secret-box";

// A customer link's token is HMAC-SHA256(server key, link id): 256 bits nobody can guess, which the
// server can compute again (to put the link into an SMS or e-mail) while the database keeps only its
// SHA-256. A copy of the database alone opens no customer page.

const PURPOSE = "customer-link";

/** A new link's id: random, never shown. */
export function newLinkId(): string {
  return `cl_${randomBytes(16).toString("hex")}`;
}

export function linkToken(secrets: SecretBox, linkId: string): string {
  return secrets.derive(PURPOSE, linkId);
}

export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Whether a path segment can be a token at all (43 base64url characters), before any lookup. */
export function looksLikeLinkToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/** The customer's page. */
export function customerLinkUrl(publicBaseUrl: string, token: string): string {
  return new URL(`/c/${token}`, publicBaseUrl).toString();
}
