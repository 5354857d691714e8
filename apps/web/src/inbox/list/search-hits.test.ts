import { describe, expect, it } from "vitest";
import { hitRanges } from "./search-hits";

describe("hitRanges", () => {
  it("marks every word of the query, case-insensitive, merging overlaps", () => {
    expect(hitRanges("Bilen er klar, bilen!", "BILEN")).toEqual([
      [0, 5],
      [15, 20],
    ]);
    expect(hitRanges("Blåbærsyltetøy", "blå bærs")).toEqual([[0, 7]]);
    expect(hitRanges("100% ferdig", "%")).toEqual([[3, 4]]);
    expect(hitRanges("ingen treff", "")).toEqual([]);
  });
});
