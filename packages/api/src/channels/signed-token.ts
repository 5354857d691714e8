import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";

/**
 * The channels' own HMAC key (reply addresses, opt-out links), derived from the server's key material
 * (MINBIL_ENCRYPTION_KEY) with a label of its own, so it is never the key that encrypts secrets.
 */
export function deriveChannelKey(keyMaterial: string): Buffer {
  return Buffer.from(hkdfSync("sha256", keyMaterial, "minbil", "channels v1", 32));
}

/** Lower-case hex, so that it survives mail systems that change the case of addresses. */
export function mac(key: Buffer, purpose: string, value: string, length = 20): string {
  return createHmac("sha256", key).update(`${purpose}:${value}`).digest("hex").slice(0, length);
}

export function macMatches(key: Buffer, purpose: string, value: string, given: string, length = 20): boolean {
  const expected = Buffer.from(mac(key, purpose, value, length));
  const actual = Buffer.from(given.toLowerCase());
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
