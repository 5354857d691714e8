import { createHmac, timingSafeEqual } from "node:crypto";
import { authSecret } from "./auth-secret";

/**
 * A browser that has signed in to an account before carries this cookie (an HMAC of the account's
 * e-mail). With it, the account-wide sign-in limit does not apply, so an attacker who exhausts that
 * limit from elsewhere cannot lock the real user out.
 */
export const KNOWN_DEVICE_COOKIE = "minbil-device";
export const KNOWN_DEVICE_MAX_AGE = 365 * 24 * 60 * 60;

export function knownDeviceValue(email: string): string {
  return createHmac("sha256", authSecret()).update(`known-device:${email.trim().toLowerCase()}`).digest("base64url");
}

export function isKnownDevice(cookieValue: string | undefined, email: string): boolean {
  if (!cookieValue) return false;
  const expected = Buffer.from(knownDeviceValue(email));
  const given = Buffer.from(cookieValue);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
