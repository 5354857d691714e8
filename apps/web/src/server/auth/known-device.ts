import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { authSecret } from "./auth-secret";

/**
 * A browser that has signed in to an account before carries this cookie. With it, the account-wide
 * sign-in limit does not apply, so an attacker who exhausts that limit from elsewhere cannot lock the
 * real user out. The value names the account, a random nonce of this browser, and an HMAC over both
 * and the account's password hash: each browser's cookie is its own, and a new password (or a disabled
 * account, which is not looked up) ends every cookie given out before.
 */
export const KNOWN_DEVICE_COOKIE = "minbil-device";
export const KNOWN_DEVICE_MAX_AGE = 365 * 24 * 60 * 60;

export interface DeviceAccount {
  id: string;
  passwordHash: string;
}

function mac(account: DeviceAccount, nonce: string): string {
  return createHmac("sha256", authSecret()).update(`known-device:${account.id}:${nonce}:${account.passwordHash}`).digest("base64url");
}

/** The cookie for a browser that has just signed in to `account`. */
export function knownDeviceCookie(account: DeviceAccount, nonce = randomBytes(16).toString("base64url")): string {
  return `${account.id}.${nonce}.${mac(account, nonce)}`;
}

/** The account a cookie claims, to look up before checking it; null for a malformed one. */
export function knownDeviceAccountId(cookieValue: string | undefined): string | null {
  const parts = cookieValue?.split(".");
  return parts?.length === 3 && parts.every((part) => /^[\w-]{1,100}$/.test(part)) ? parts[0]! : null;
}

/**
 * The cookie as it was before it named the account (an HMAC of the e-mail alone), still accepted so that
 * browsers keep their protection until they next sign in, when they get the new one. It ends with the
 * cookie's own lifetime (a year from its last sign-in).
 */
export function isLegacyKnownDevice(cookieValue: string | undefined, email: string): boolean {
  if (!cookieValue || cookieValue.includes(".")) return false;
  return sameText(cookieValue, createHmac("sha256", authSecret()).update(`known-device:${email.trim().toLowerCase()}`).digest("base64url"));
}

/** True when the cookie was given to this account, under its current password. */
export function isKnownDevice(cookieValue: string | undefined, account: DeviceAccount | null): boolean {
  if (!account || knownDeviceAccountId(cookieValue) !== account.id) return false;
  const [, nonce, given] = cookieValue!.split(".");
  return sameText(given!, mac(account, nonce!));
}

/** A constant-time comparison, so a guessed MAC learns nothing from how long the check took. */
function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
