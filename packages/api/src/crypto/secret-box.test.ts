import { describe, expect, it } from "vitest";
import { createSecretBox } from "./secret-box";

describe("secret box", () => {
  it("opens what it sealed, and nothing sealed under another key or tampered with", () => {
    const box = createSecretBox("a-key-of-at-least-thirty-two-characters");
    const sealed = box.seal("whsec_abc123");
    expect(sealed).not.toContain("abc123");
    expect(box.open(sealed)).toBe("whsec_abc123");
    expect(box.seal("whsec_abc123")).not.toBe(sealed);
    expect(() => createSecretBox("another-key-of-at-least-thirty-two-chars").open(sealed)).toThrow();
    const parts = sealed.split(".");
    parts[3] = Buffer.from("tampered").toString("base64url");
    expect(() => box.open(parts.join("."))).toThrow();
  });
});
