import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";

/** A new signing secret: "whsec_" and 32 random bytes, base64 (the Standard Webhooks form). */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/**
 * The `webhook-signature` header for a request: one `v1,<signature>` per secret, space-separated (after
 * a rotation the old secret signs too, so receivers can switch at their pace). Made by the
 * `standardwebhooks` package, so receivers verify with the same package.
 */
export function signatureHeader(secrets: string[], id: string, timestamp: Date, body: string): string {
  return secrets.map((secret) => new Webhook(secret).sign(id, timestamp, body)).join(" ");
}
