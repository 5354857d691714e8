import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Mailgun signs every webhook, inbound routes included
 * (https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/securing-webhooks): `signature` is
 * the hex HMAC-SHA256 of `timestamp` + `token` with the domain's webhook signing key.
 */
export function mailgunSignature(signingKey: string, timestamp: string, token: string): string {
  return createHmac("sha256", signingKey)
    .update(timestamp + token)
    .digest("hex");
}

/** Mailgun retries a route for up to 8 hours with the same signature; older ones are refused as replays. */
export const MAILGUN_MAX_AGE_MS = 9 * 60 * 60 * 1000;

export function isValidMailgunSignature(
  signingKey: string,
  fields: { timestamp?: string; token?: string; signature?: string },
  now = Date.now(),
): boolean {
  const { timestamp, token, signature } = fields;
  if (!timestamp || !token || !signature || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(now - Number(timestamp) * 1000) > MAILGUN_MAX_AGE_MS) return false;
  const expected = Buffer.from(mailgunSignature(signingKey, timestamp, token));
  const actual = Buffer.from(signature);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
