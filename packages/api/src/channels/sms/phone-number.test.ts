import { describe, expect, it } from "vitest";
import { toE164 } from "./phone-number";

describe("toE164", () => {
  it("reads the ways workshops write Norwegian and foreign numbers", () => {
    expect(toE164("+47 900 00 000")).toBe("+4790000000");
    expect(toE164("900 00 000")).toBe("+4790000000");
    expect(toE164("0047 41 23 45 67")).toBe("+4741234567");
    expect(toE164("+46 70 123 45 67")).toBe("+46701234567");
  });

  it("refuses what cannot be texted", () => {
    expect(toE164(null)).toBeNull();
    expect(toE164("")).toBeNull();
    expect(toE164("12345")).toBeNull();
    expect(toE164("ring meg")).toBeNull();
  });
});
