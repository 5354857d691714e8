import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium, signIn, waitForHydration } from "./support/browser";
import { customerWrites, threadIds } from "./support/api";

// What is around the inbox: a skip link for keyboard users, and the tab's icon saying how much is unread.

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "nb-NO" })).newPage();
  await signIn(page, "kari@nordlys-bil.no");
});
afterAll(() => browser?.close());

const icon = () =>
  page.evaluate(() => {
    const link = document.querySelector<HTMLLinkElement>('link[rel~="icon"]');
    return { unread: link?.getAttribute("data-unread") ?? null, href: link?.getAttribute("href") ?? "" };
  });
const headerCount = async () => Number((await page.getByTestId("total-unread").textContent()) ?? 0);

describe("around the inbox", () => {
  it("offers a skip link as the first Tab stop, which moves focus past the header", async () => {
    await page.keyboard.press("Tab");
    const link = page.getByRole("link", { name: "Hopp til innholdet" });
    await expect.poll(() => link.evaluate((element) => element === document.activeElement)).toBe(true);
    expect((await link.boundingBox())?.width ?? 0, "visible once focused").toBeGreaterThan(20);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("main");
  });

  it("shows the unread count on the tab's icon and follows it live", async () => {
    await expect.poll(async () => (await icon()).unread).toBe(String(await headerCount()));
    expect((await icon()).href).toMatch(/^data:image\/svg\+xml,/);
    const before = await headerCount();
    const ids = await threadIds();
    await customerWrites(ids.at(-1)!, "Hei, er bilen klar snart?");
    await expect.poll(async () => (await icon()).unread).toBe(String(before + 1));
  });

  it("puts the account, the language and signing out in a menu on a phone", async () => {
    const phone = await (await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "nb-NO" })).newPage();
    await signIn(phone, "per@nordlys-bil.no");
    const header = phone.locator("header");
    // Everything in the header fits on the screen.
    const overflow = await header.evaluate((element) => element.scrollWidth - element.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // A draft of Per's stays in this browser until he signs out.
    await phone.locator("a[data-testid^=thread-]").first().click();
    await waitForHydration(phone, "#composer");
    await phone.getByTestId("composer-text").fill("Utkast som ikke skal bli liggende");
    const drafts = () => phone.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("minbil-draft:")).length);
    await expect.poll(drafts).toBeGreaterThan(0);
    await phone.locator("summary[aria-label=Meny]").click();
    const menu = phone.getByTestId("phone-menu");
    await menu.getByRole("link", { name: /Min konto/ }).waitFor();
    await menu.getByRole("combobox", { name: "Språk" }).selectOption("en");
    await phone.getByRole("link", { name: /^Inbox/ }).waitFor();
    // The menu stays open, now in English.
    await phone.getByTestId("phone-menu").getByRole("button", { name: "Sign out" }).click();
    await phone.waitForURL("**/login**");
    expect(await drafts()).toBe(0);
    await phone.context().close();
  });
});
