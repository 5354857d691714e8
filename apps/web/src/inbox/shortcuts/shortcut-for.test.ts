import { describe, expect, it } from "vitest";
import { neighbour, shortcutFor } from "./shortcut-for";

const press = (key: string, extra: Partial<KeyboardEvent> & { tagName?: string } = {}) =>
  shortcutFor({
    key,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    isComposing: false,
    target: { tagName: extra.tagName ?? "BODY", isContentEditable: false } as unknown as EventTarget,
    ...extra,
  });

describe("shortcutFor", () => {
  it("maps the inbox's keys", () => {
    expect(["j", "k", "r", "e", "/", "?"].map((key) => press(key))).toEqual(["next", "previous", "reply", "done", "search", "help"]);
    expect(press("x")).toBeNull();
  });

  it("leaves typing and browser shortcuts alone", () => {
    expect(press("j", { tagName: "TEXTAREA" })).toBeNull();
    expect(press("e", { tagName: "INPUT" })).toBeNull();
    expect(press("r", { ctrlKey: true })).toBeNull();
    expect(press("k", { metaKey: true })).toBeNull();
  });
});

describe("neighbour", () => {
  it("moves down and up the list as shown, stopping at its ends, starting at the top", () => {
    expect(neighbour([5, 3, 9], 3, 1)).toBe(9);
    expect(neighbour([5, 3, 9], 3, -1)).toBe(5);
    expect(neighbour([5, 3, 9], 9, 1)).toBe(9);
    expect(neighbour([5, 3, 9], 5, -1)).toBe(5);
    expect(neighbour([5, 3, 9], null, 1)).toBe(5);
    expect(neighbour([5, 3, 9], 42, -1)).toBe(5);
    expect(neighbour([], null, 1)).toBeNull();
  });
});
