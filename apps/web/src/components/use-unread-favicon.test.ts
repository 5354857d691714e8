import { describe, expect, it } from "vitest";
import { unreadIconSvg } from "./use-unread-favicon";

describe("the unread icon", () => {
  it("shows the count, and 99+ past 99", () => {
    expect(unreadIconSvg(3)).toContain(">3</text>");
    expect(unreadIconSvg(99)).toContain(">99</text>");
    expect(unreadIconSvg(250)).toContain(">99+</text>");
  });
});
