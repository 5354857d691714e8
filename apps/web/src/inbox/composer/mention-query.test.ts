import { describe, expect, it } from "vitest";
import { mentionAt, mentionCandidates } from "./mention-query";

const staff = [
  { id: "1", name: "Kari Nordmann" },
  { id: "2", name: "Per Hansen" },
  { id: "3", name: "Per Ås" },
  { id: "4", name: "Øystein Berg" },
];

describe("mentionAt", () => {
  it("finds the @word the caret is in, at the start or after a space", () => {
    expect(mentionAt("@Ka", 3)).toEqual({ start: 0, query: "Ka" });
    expect(mentionAt("Hei @øy", 7)).toEqual({ start: 4, query: "øy" });
    expect(mentionAt("Hei @", 5)).toEqual({ start: 4, query: "" });
    expect(mentionAt("kari@nordlys.no", 15)).toBeNull();
    expect(mentionAt("@Kari ", 6)).toBeNull();
  });
});

describe("mentionCandidates", () => {
  it("matches first or whole names, case-insensitively with æøå, and writes shared first names in full", () => {
    expect(mentionCandidates(staff, "ka").map((c) => c.handle)).toEqual(["Kari"]);
    expect(mentionCandidates(staff, "ØY").map((c) => c.handle)).toEqual(["Øystein"]);
    expect(mentionCandidates(staff, "per").map((c) => c.handle)).toEqual(["PerHansen", "PerÅs"]);
    expect(mentionCandidates(staff, "perh").map((c) => c.handle)).toEqual(["PerHansen"]);
    expect(mentionCandidates(staff, "").length).toBe(4);
  });
});
