import { describe, expect, it } from "vitest";
import { matchTemplates, slashQuery } from "./template-query";

describe("slashQuery", () => {
  it("is the text after a leading slash, on one line only", () => {
    expect(slashQuery("/")).toBe("");
    expect(slashQuery("/bilen er")).toBe("bilen er");
    expect(slashQuery("hei /bilen")).toBeNull();
    expect(slashQuery("/bilen\nklar")).toBeNull();
    expect(slashQuery("")).toBeNull();
  });
});

describe("matchTemplates", () => {
  const templates = [{ name: "Bilen er klar" }, { name: "Vi har mottatt bilen" }, { name: "Trenger godkjenning" }, { name: "Ærlig svar" }];

  it("lists all for an empty query, and names starting with the query before names containing it", () => {
    expect(matchTemplates(templates, "")).toEqual(templates);
    expect(matchTemplates(templates, "BIL").map((t) => t.name)).toEqual(["Bilen er klar", "Vi har mottatt bilen"]);
    expect(matchTemplates(templates, "ærl").map((t) => t.name)).toEqual(["Ærlig svar"]);
    expect(matchTemplates(templates, "xyz")).toEqual([]);
  });
});
