import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-callback";

describe("safeCallbackPath", () => {
  it("keeps paths on this site", () => {
    expect(safeCallbackPath("/inbox/12")).toBe("/inbox/12");
    expect(safeCallbackPath("/settings?tab=tokens#staff")).toBe("/settings?tab=tokens#staff");
  });

  it("refuses every way to another site, falling back to the inbox", () => {
    for (const evil of [
      "//evil.example",
      "/\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/\\/evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "evil.example",
      "/.//evil.example",
      " //evil.example",
      "",
      null,
      ["/inbox"],
    ]) {
      expect(safeCallbackPath(evil), JSON.stringify(evil)).toBe("/inbox");
    }
  });
});
