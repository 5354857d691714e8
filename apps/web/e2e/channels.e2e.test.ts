import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { FakeTwilio } from "@minbil/api/testing/fake-twilio";
import { SmtpInbox } from "@minbil/api/testing/smtp-inbox";
import { launchChromium, waitForHydration } from "./support/browser";
import { freePort } from "@minbil/api/testing/free-port";

// The customer channels in the built app, as staff meet them: an owner turns SMS and e-mail on in
// Settings, a reply in the browser reaches the customer's phone (a fake of Twilio's API in this
// process) and mailbox (an SMTP server in this process) with the customer link, and the message's
// ticks follow the provider's delivery report live. Its own app: the channels are configured at start.

let browser: Browser;
let app: ChildProcess | undefined;
let dataDir: string;
let url: string;
const TOKEN = "channels-e2e-token-0123456789";
const twilio = new FakeTwilio();
const smtp = new SmtpInbox();

beforeAll(async () => {
  await Promise.all([twilio.start(), smtp.start()]);
  dataDir = await mkdtemp(path.join(tmpdir(), "minbil-e2e-channels-"));
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  app = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
    cwd: path.resolve(import.meta.dirname, ".."),
    env: {
      ...process.env,
      NODE_ENV: "production",
      MINBIL_DEMO: "true",
      MINBIL_DATA_DIR: dataDir,
      MINBIL_PUBLIC_URL: url,
      MINBIL_WS_ACCESS_TOKEN: TOKEN,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      DATABASE_URL: "",
      NEXT_TELEMETRY_DISABLED: "1",
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_FROM: twilio.from,
      TWILIO_API_URL: twilio.apiUrl,
      SMTP_URL: smtp.url,
      EMAIL_FROM: "varsel@minbil.test",
      CHANNEL_RETRY_SCHEDULE: "0,1s",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 90_000;
  for (;;) {
    const status = await fetch(`${url}/api/readyz`)
      .then((res) => res.status)
      .catch(() => 0);
    if (status === 200) break;
    if (Date.now() > deadline || app.exitCode !== null) throw new Error("The app did not start (did you run `pnpm build`?)");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (app && app.exitCode === null) {
    const exited = new Promise((resolve) => app!.once("exit", resolve));
    app.kill("SIGTERM");
    await exited;
  }
  await Promise.all([twilio.close(), smtp.close()]);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function signIn(page: Page) {
  await page.goto(`${url}/login`);
  await page.getByLabel("E-post").fill("kari@nordlys-bil.no");
  await page.getByLabel("Passord").fill("demo-passord");
  await page.getByRole("button", { name: "Logg inn" }).click();
  await page.waitForURL("**/inbox");
  await waitForHydration(page, "header select");
}

describe("SMS and e-mail to the customer", () => {
  it("an owner turns them on; a reply reaches the customer with the link; the ticks follow the delivery report live", async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page);

    await page.goto(`${url}/settings`);
    const section = page.getByTestId("channels-section");
    await waitForHydration(page, "[data-testid=channels-section] input");
    for (const name of ["SMS", "E-post"]) {
      // The box shows the saved setting: it turns checked once the server has it.
      await section.getByLabel(name).click();
      await expect.poll(() => section.getByLabel(name).isChecked()).toBe(true);
    }

    const threads = await fetch(`${url}/api/ws/messages?limit=1`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    const bookingId = (await threads.json()).data[0].booking_id as number;
    await page.goto(`${url}/inbox/${bookingId}`);
    await waitForHydration(page, "[data-testid=composer-text]");
    await expect
      .poll(() =>
        page.getByTestId("booking-panel").getByTestId("customer-channels").locator("[data-channel=sms]").getAttribute("data-status"),
      )
      .toBe("on");

    await page.getByTestId("composer-text").fill("Bilen er klar til henting i dag.");
    await page.getByTestId("composer-text").press("Enter");

    // The customer's phone and mailbox get the text and the customer link.
    await expect.poll(() => twilio.sent.length, { timeout: 10_000 }).toBe(1);
    const sms = twilio.sent[0]!;
    expect(sms.body).toContain("Bilen er klar til henting i dag.");
    expect(sms.body).toMatch(new RegExp(`${url}/c/\\S+`));
    await expect.poll(() => smtp.mails.length, { timeout: 10_000 }).toBe(1);
    expect(smtp.mails[0]!.text).toContain(`${url}/c/`);

    // The message's ticks: sent on both channels, then delivered when Twilio reports it (no reload).
    const mine = page.getByTestId("message").filter({ hasText: "Bilen er klar til henting i dag." }).getByTestId("delivery");
    await expect.poll(() => mine.getAttribute("data-status"), { timeout: 10_000 }).toBe("sent sent");
    const callback = `${url}/api/channels/twilio/status`;
    const report = await fetch(callback, twilio.signedRequest(callback, { MessageSid: sms.sid, MessageStatus: "delivered" }));
    expect(report.status).toBeLessThan(300);
    await expect.poll(() => mine.getAttribute("data-status"), { timeout: 5_000 }).toBe("delivered sent");
    expect(await mine.locator("[title]").getAttribute("title")).toContain("SMS: levert");

    // A forged report is refused.
    const forged = await fetch(callback, twilio.signedRequest(callback, { MessageSid: sms.sid, MessageStatus: "failed" }, "not-the-token"));
    expect(forged.status).toBe(403);
  });
});
