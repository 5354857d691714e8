import { chromium, type Browser, type Page } from "playwright-core";
import { inject } from "vitest";

/** Debian's Chromium (apt-get install chromium), headless, with no calls home. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

export async function signIn(page: Page, email: string, password = "demo-passord") {
  await page.goto(`${inject("baseUrl")}/login`);
  await page.getByLabel("E-post").fill(email);
  await page.getByLabel("Passord").fill(password);
  await page.getByRole("button", { name: "Logg inn" }).click();
  await page.waitForURL("**/inbox");
  // The header's controls (language, sign-out) act once the page's script has taken over.
  await waitForHydration(page, "header select");
}

/**
 * Waits until React has taken over the element (hydration): what is typed before that is the
 * server-rendered page's, and React may replace it.
 */
export async function waitForHydration(page: Page, selector: string) {
  await page.waitForFunction((css) => {
    const element = document.querySelector(css);
    return !!element && Object.keys(element).some((key) => key.startsWith("__reactProps"));
  }, selector);
}
