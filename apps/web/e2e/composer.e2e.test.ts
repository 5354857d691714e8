import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium, signIn, waitForHydration } from "./support/browser";
import { threadIds } from "./support/api";
import { gradientPng } from "./support/png";

// Writing a reply on a phone: the box shows the whole draft, photos show while they upload, and
// failures are said in the person's language.

let browser: Browser;
let page: Page;
let ids: number[];
beforeAll(async () => {
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "nb-NO" })).newPage();
  await signIn(page, "kari@nordlys-bil.no");
  ids = await threadIds();
  await open(ids.at(-1)!);
});
afterAll(() => browser?.close());

const composer = () => page.getByTestId("composer-text");
async function open(bookingId: number) {
  await page.goto(`${inject("baseUrl")}/inbox/${bookingId}`);
  await waitForHydration(page, "#composer");
}
const box = () =>
  composer().evaluate((element: HTMLTextAreaElement) => ({
    height: element.getBoundingClientRect().height,
    hiddenText: element.scrollHeight - element.clientHeight,
  }));

describe("the composer", () => {
  it("grows with a longer draft, wrapped lines included, and scrolls past its max height", async () => {
    const oneLine = await box();
    await composer().fill(
      "Hei! Vi har sett på bilen, og bremseklossene foran er slitt ned. Vi anbefaler å bytte dem nå, det tar omtrent en time ekstra.",
    );
    const wrapped = await box();
    expect(wrapped.height).toBeGreaterThan(oneLine.height * 2);
    expect(wrapped.hiddenText, "the whole draft is in view").toBeLessThanOrEqual(1);

    await composer().fill(Array.from({ length: 30 }, (_, i) => `Linje ${i + 1}`).join("\n"));
    const long = await box();
    expect(long.height).toBeLessThanOrEqual(740 * 0.3 + 1);
    expect(long.hiddenText, "past the max height the box scrolls").toBeGreaterThan(0);

    await composer().fill("");
    expect((await box()).height).toBe(oneLine.height);
  });

  it("shows the photo from the device while it uploads, then the stored one", async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/api/trpc/messages.send**", async (route) => {
      await held;
      await route.continue();
    });
    try {
      await page.getByTestId("file-input").setInputFiles({ name: "dekk.png", mimeType: "image/png", buffer: gradientPng() });
      await composer().fill("Slik ser dekket ut.");
      await composer().press("Enter");
      const message = page.getByTestId("message").filter({ hasText: "Slik ser dekket ut." });
      await expect.poll(() => message.getAttribute("data-pending")).toBe("true");
      const preview = message.getByTestId("upload-preview");
      await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(96);
      const localUrl = (await preview.getAttribute("src"))!;
      expect(localUrl).toMatch(/^blob:/);

      release();
      await expect.poll(() => message.getAttribute("data-pending")).toBeNull();
      const thumbnail = message.getByTestId("thumbnail");
      await expect.poll(() => thumbnail.getAttribute("src")).toMatch(/^\/api\/ws\/messages\/attachments\//);
      await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(96);
      // The device's copy is let go once the server has the photo.
      const stillThere = await page.evaluate(
        (url) =>
          fetch(url).then(
            () => true,
            () => false,
          ),
        localUrl,
      );
      expect(stillThere).toBe(false);
    } finally {
      release();
      await page.unroute("**/api/trpc/messages.send**");
    }
  });

  it("says the server could not be reached when a proxy answers with its own error page", async () => {
    await page.route("**/api/trpc/messages.send**", (route) =>
      route.fulfill({
        status: 502,
        contentType: "text/html",
        body: "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
      }),
    );
    await composer().fill("Kommer denne fram?");
    await composer().press("Enter");
    const error = page.getByTestId("composer-error");
    await expect.poll(() => error.textContent()).toContain("Fikk ikke kontakt med serveren");
    expect(await error.textContent()).not.toMatch(/Unexpected token|JSON/);
    expect(await composer().inputValue()).toBe("Kommer denne fram?");
    await page.unroute("**/api/trpc/messages.send**");
  });

  it("says an API error in Norwegian, from its code", async () => {
    await page.route("**/api/trpc/messages.send**", (route) =>
      route.fulfill({
        status: 429,
        contentType: "application/json",
        body: JSON.stringify([
          {
            error: {
              message: "Too many requests, slow down",
              code: -32029,
              data: { code: "TOO_MANY_REQUESTS", httpStatus: 429, appCode: "RATE_LIMITED", path: "messages.send" },
            },
          },
        ]),
      }),
    );
    await composer().fill("En gang til");
    await composer().press("Enter");
    const error = page.getByTestId("composer-error");
    await expect.poll(() => error.textContent()).toContain("For mange forsøk på kort tid");
    expect(await error.textContent()).not.toContain("Too many requests");
    await page.unroute("**/api/trpc/messages.send**");
  });

  it("keeps a draft per thread through switching threads and a reload, and lets it go once sent", async () => {
    // Two threads the tests above have not written in.
    const [first, second] = ids;
    await open(first!);
    await composer().fill("Halvferdig svar om dekkene");
    await open(second!);
    expect(await composer().inputValue()).toBe("");
    await open(first!);
    await expect.poll(() => composer().inputValue()).toBe("Halvferdig svar om dekkene");
    await page.reload();
    await waitForHydration(page, "#composer");
    await expect.poll(() => composer().inputValue()).toBe("Halvferdig svar om dekkene");

    await composer().press("Enter");
    await expect.poll(() => page.getByTestId("message").filter({ hasText: "Halvferdig svar om dekkene" }).count()).toBe(1);
    await page.reload();
    await waitForHydration(page, "#composer");
    expect(await composer().inputValue()).toBe("");
  });

  it("writes an internal note naming a colleague, shown as a note and not as a reply", async () => {
    await page.getByTestId("composer-mode-note").click();
    await composer().pressSequentially("Per, kan du sjekke bremsene? @Pe");
    const suggestion = page.getByTestId("mention-list").getByRole("option", { name: /Per/ });
    await suggestion.waitFor();
    await composer().press("Enter"); // chooses the colleague, does not send
    expect(await composer().inputValue()).toBe("Per, kan du sjekke bremsene? @Per ");
    await composer().press("Enter");
    const sent = page.getByTestId("message").filter({ hasText: "kan du sjekke bremsene?" });
    await expect.poll(() => sent.getAttribute("data-kind")).toBe("note");
    await expect.poll(() => sent.getAttribute("data-pending")).toBeNull();
  });

  it("brings a half-written note back as a note, never as a reply", async () => {
    const [, , third, fourth] = ids;
    await open(third!);
    await page.getByTestId("composer-mode-note").click();
    await composer().fill("Intern: sjekk garantien før vi svarer");
    await open(fourth!);
    expect(await page.locator("form[data-mode]").getAttribute("data-mode")).toBe("reply");
    await open(third!);
    await expect.poll(() => composer().inputValue()).toBe("Intern: sjekk garantien før vi svarer");
    expect(await page.locator("form[data-mode]").getAttribute("data-mode")).toBe("note");
    await composer().fill("");
    await page.getByTestId("composer-mode-reply").click();
  });

  it("does not send a /word that names no template: Escape closes the list, then Enter sends", async () => {
    await composer().fill("");
    await composer().pressSequentially("/finnesikke");
    await page.getByText("Ingen maler passer.").waitFor();
    await composer().press("Enter");
    await page.waitForTimeout(500);
    expect(await page.getByTestId("message").filter({ hasText: "/finnesikke" }).count()).toBe(0);
    expect(await composer().inputValue()).toBe("/finnesikke");
    await composer().press("Escape");
    await composer().fill("");
  });
});
