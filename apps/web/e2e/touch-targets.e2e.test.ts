import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium, signIn, waitForHydration } from "./support/browser";
import { threadIds } from "./support/api";

// On a phone every control is at least 44 × 44 CSS pixels (WCAG 2.5.5), so a thumb hits what it aims at.

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "nb-NO", hasTouch: true })).newPage();
  await signIn(page, "kari@nordlys-bil.no");
});
afterAll(() => browser?.close());

/** Visible controls smaller than 44 px either way, described so a failure says which. */
function tooSmall(page: Page) {
  return page.evaluate(() => {
    const selector = "a[href], button, select, input:not([type=hidden]), textarea, [role=option], [role=tab], summary";
    return [...document.querySelectorAll<HTMLElement>(selector)]
      .filter((element) => element.checkVisibility() && !element.closest("[inert], [aria-hidden=true]"))
      .filter((element) => !element.matches(".sr-only, .sr-only *") || element === document.activeElement)
      .map((element) => ({ element, box: element.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && (box.width < 43.5 || box.height < 43.5))
      .map(
        ({ element, box }) =>
          `${element.tagName.toLowerCase()} "${(element.getAttribute("aria-label") ?? element.textContent ?? "").trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`,
      );
  });
}

describe("touch targets on a phone", () => {
  it("in the thread list", async () => {
    expect(await tooSmall(page)).toEqual([]);
  });

  it("in an open thread, its actions and the composer", async () => {
    const [id] = await threadIds();
    await page.goto(`${inject("baseUrl")}/inbox/${id}`);
    await waitForHydration(page, "#composer");
    await page.getByRole("button", { name: /Mer/ }).click();
    expect(await tooSmall(page)).toEqual([]);
  });
});
