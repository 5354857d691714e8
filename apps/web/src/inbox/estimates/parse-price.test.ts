import { describe, expect, it } from "vitest";
import { parsePrice } from "./parse-price";

describe("prices typed by staff", () => {
  it("reads whole kroner, thousands with spaces and decimal commas or points", () => {
    expect(parsePrice("2490")).toBe(2490);
    expect(parsePrice("2 490")).toBe(2490);
    expect(parsePrice("349,50")).toBe(349.5);
    expect(parsePrice("349.5 kr")).toBe(349.5);
  });
  it("refuses what is not an amount of kroner and øre", () => {
    expect(parsePrice("")).toBeNull();
    expect(parsePrice("-5")).toBeNull();
    expect(parsePrice("12,345")).toBeNull();
    expect(parsePrice("to tusen")).toBeNull();
  });
});
