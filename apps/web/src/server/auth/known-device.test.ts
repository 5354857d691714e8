import { describe, expect, it } from "vitest";
import { createHmac } from "node:crypto";
import { authSecret } from "./auth-secret";
import { isKnownDevice, isLegacyKnownDevice, knownDeviceAccountId, knownDeviceCookie } from "./known-device";

const kari = { id: "cmkari0001", passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA" };

describe("the known-device cookie", () => {
  it("is different in every browser, and each one is recognised for its account", () => {
    const first = knownDeviceCookie(kari);
    const second = knownDeviceCookie(kari);
    expect(first).not.toBe(second);
    expect(knownDeviceAccountId(first)).toBe(kari.id);
    expect(isKnownDevice(first, kari)).toBe(true);
    expect(isKnownDevice(second, kari)).toBe(true);
  });

  it("ends with a new password, and is no other account's", () => {
    const cookie = knownDeviceCookie(kari);
    expect(isKnownDevice(cookie, { ...kari, passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$bnk$bnk" })).toBe(false);
    expect(isKnownDevice(cookie, { ...kari, id: "cmother0002" })).toBe(false);
    expect(isKnownDevice(cookie, null)).toBe(false);
  });

  it("is not recognised when forged or malformed", () => {
    const [id, nonce] = knownDeviceCookie(kari).split(".");
    expect(isKnownDevice(`${id}.${nonce}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`, kari)).toBe(false);
    expect(isKnownDevice(`${id}.other-nonce.${knownDeviceCookie(kari).split(".")[2]}`, kari)).toBe(false);
    for (const value of [undefined, "", "abc", "a.b", "a.b.c.d", `${id}..x`]) expect(knownDeviceAccountId(value)).toBeNull();
  });

  it("still recognises a cookie of the earlier kind (an HMAC of the e-mail) for that address only", () => {
    const legacy = createHmac("sha256", authSecret()).update("known-device:kari@nordlys-bil.no").digest("base64url");
    expect(isLegacyKnownDevice(legacy, "Kari@Nordlys-Bil.no ")).toBe(true);
    expect(isLegacyKnownDevice(legacy, "ola@nordlys-bil.no")).toBe(false);
    expect(isLegacyKnownDevice(knownDeviceCookie(kari), "kari@nordlys-bil.no")).toBe(false);
    expect(isLegacyKnownDevice(undefined, "kari@nordlys-bil.no")).toBe(false);
  });
});
