import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium, signIn } from "./support/browser";

// Sign-in and browser sessions as an attacker and a careful user try them, against the built app.

let browser: Browser;
const base = () => inject("baseUrl");
const api = (pathname: string, init: RequestInit = {}) =>
  fetch(`${base()}${pathname}`, {
    ...init,
    headers: { Authorization: `Bearer ${inject("token")}`, "Content-Type": "application/json", ...init.headers },
  });

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

/** A page of another origin of the same site (127.0.0.1 on another port), serving `html`. */
async function otherOrigin(html: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_request, response) => response.writeHead(200, { "Content-Type": "text/html" }).end(html));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function newSignedIn(email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return { context, page };
}

describe("the sign-in form", () => {
  it("works as a plain POST without the page's script, and never puts the password in the URL", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const requested: string[] = [];
    page.on("request", (request) => requested.push(`${request.method()} ${request.url()}`));
    await page.goto(`${base()}/login`);
    expect(await page.locator("form").getAttribute("method")).toBe("POST");
    await page.getByLabel("E-post").fill("kari@nordlys-bil.no");
    await page.getByLabel("Passord").fill("demo-passord");
    await page.getByRole("button", { name: "Logg inn" }).click();
    await page.waitForURL("**/inbox");
    expect(await page.getByTestId("total-unread").count()).toBe(1);
    expect(requested.join("\n")).not.toMatch(/demo-passord|password=/);
    expect(requested.some((line) => line.startsWith("POST ") && line.includes("/login"))).toBe(true);
    await context.close();
  });

  it("says so, in Norwegian and without script, when the password is wrong", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base()}/login`);
    await page.getByLabel("E-post").fill("per@nordlys-bil.no");
    await page.getByLabel("Passord").fill("ikke-riktig");
    await page.getByRole("button", { name: "Logg inn" }).click();
    await expect.poll(() => page.getByRole("alert").filter({ hasText: "Feil e-post eller passord." }).count()).toBe(1);
    expect(page.url()).not.toContain("ikke-riktig");
    await context.close();
  });

  it.each(["//evil.example", "/\\evil.example", "/\t/evil.example", "https://evil.example/inbox"])(
    "stays on this site after signing in with callbackUrl=%j",
    async (target) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${base()}/login?callbackUrl=${encodeURIComponent(target)}`);
      await page.getByLabel("E-post").fill("per@nordlys-bil.no");
      await page.getByLabel("Passord").fill("demo-passord");
      await page.getByRole("button", { name: "Logg inn" }).click();
      await page.waitForURL(`${base()}/inbox`);
      expect(new URL(page.url()).origin).toBe(base());
      await context.close();
    },
  );
});

describe("cross-site requests", () => {
  it("a page on another port of the same site cannot send messages with the signed-in staff's cookie", async () => {
    const { context, page } = await newSignedIn("kari@nordlys-bil.no");
    const bookingId = (await (await api("/api/ws/messages?limit=1")).json()).data[0].booking_id as number;
    const marker = `csrf-${Date.now()}`;
    const attacker = await otherOrigin(`<!doctype html>
      <form id="rest" method="POST" action="${base()}/api/ws/messages" enctype="application/x-www-form-urlencoded" target="sink">
        <input name="booking_id" value="${bookingId}"><input name="body" value="${marker} rest">
      </form>
      <iframe name="sink"></iframe>
      <script>
        const form = new FormData();
        form.set("booking_id", "${bookingId}");
        form.set("body", "${marker} trpc");
        form.append("attachments", new File(["hei"], "notat.txt", { type: "text/plain" }));
        fetch("${base()}/api/trpc/messages.send", { method: "POST", body: form, credentials: "include", mode: "no-cors" })
          .finally(() => { document.getElementById("rest").submit(); setTimeout(() => (document.title = "done"), 1500); });
      </script>`);
    const attack = await context.newPage();
    await attack.goto(attacker.url);
    await expect.poll(() => attack.title(), { timeout: 10_000 }).toBe("done");
    const thread = await (await api(`/api/ws/messages/thread/${bookingId}?limit=100`)).json();
    expect(JSON.stringify(thread.data.messages)).not.toContain(marker);
    await attacker.close();
    await page.close();
    await context.close();
  });

  it("another site cannot frame the signed-in settings page", async () => {
    const { context } = await newSignedIn("kari@nordlys-bil.no");
    const attacker = await otherOrigin(`<!doctype html><iframe id="f" src="${base()}/settings" width="800" height="600"></iframe>`);
    const page = await context.newPage();
    await page.goto(attacker.url);
    await page.waitForTimeout(1500);
    const framed = page.frames().find((frame) => frame.url().startsWith(base()));
    const text = framed ? await framed.evaluate(() => document.body?.innerText ?? "").catch(() => "") : "";
    expect(text).not.toMatch(/Trekk tilbake|Deaktiver|API/);
    await attacker.close();
    await context.close();
  });
});

describe("security headers", () => {
  it("every page sends a nonce-based CSP that forbids framing, and the other protective headers", async () => {
    for (const pathname of ["/login", "/inbox"]) {
      const res = await fetch(`${base()}${pathname}`, { redirect: "manual" });
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, pathname).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
      expect(csp, pathname).toContain("frame-ancestors 'none'");
      expect(csp, pathname).not.toContain("unsafe-eval");
      expect(res.headers.get("x-frame-options"), pathname).toBe("DENY");
      expect(res.headers.get("x-content-type-options"), pathname).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), pathname).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("permissions-policy"), pathname).toContain("geolocation=()");
    }
    const page = await (await browser.newContext()).newPage();
    const violations: string[] = [];
    page.on("console", (message) => message.text().includes("Content Security Policy") && violations.push(message.text()));
    await signIn(page, "per@nordlys-bil.no");
    await page.waitForLoadState("networkidle");
    expect(violations).toEqual([]);
  });
});

describe("ending sessions", () => {
  it("sign-out ends the session at once: a cookie copied before signing out no longer works", async () => {
    const { context, page } = await newSignedIn("per@nordlys-bil.no");
    const copied = await context.cookies();
    await page.getByRole("button", { name: "Logg ut" }).click();
    await page.waitForURL("**/login?signedOut=1");
    await expect.poll(() => page.getByRole("status").textContent()).toBe("Du er logget ut.");

    const thief = await browser.newContext();
    await thief.addCookies(copied);
    const stolen = await thief.newPage();
    await stolen.goto(`${base()}/inbox`);
    await stolen.waitForURL("**/login**");
    const session = copied.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
    expect((await fetch(`${base()}/api/ws/messages`, { headers: { Cookie: session } })).status).toBe(401);
    await thief.close();
    await context.close();
  });

  it("disabling a user ends their open session at once, with a clear page and no redirect loop", async () => {
    // A colleague made for this test, so the demo's own users stay as they are.
    const owner = await newSignedIn("ola@fjord-auto.no");
    const email = `vikar-${Date.now()}@fjord-auto.no`;
    const created = await owner.page.evaluate(
      async ({ email }) => {
        const res = await fetch("/api/trpc/admin.createStaff", {
          method: "POST",
          headers: { "Content-Type": "application/json", "x-minbil-csrf": "1" },
          body: JSON.stringify({ name: "Vikar", email, password: "et-langt-passord", role: "staff" }),
        });
        return (await res.json()).result.data as { id: string };
      },
      { email },
    );
    const temp = await browser.newContext();
    const tempPage = await temp.newPage();
    await signIn(tempPage, email, "et-langt-passord");

    const status = await owner.page.evaluate(async (id) => {
      const res = await fetch("/api/trpc/admin.setStaffDisabled", {
        method: "POST",
        headers: { "Content-Type": "application/json", "x-minbil-csrf": "1" },
        body: JSON.stringify({ id, disabled: true }),
      });
      return res.status;
    }, created.id);
    expect(status).toBe(200);

    // The open inbox may already be on its way to sign-in by itself; a fresh tab with the same cookie
    // shows what any navigation now gets.
    await tempPage.close();
    const fresh = await temp.newPage();
    const navigations: string[] = [];
    fresh.on("framenavigated", (frame) => frame === fresh.mainFrame() && navigations.push(new URL(frame.url()).pathname));
    await fresh.goto(`${base()}/inbox`);
    await fresh.waitForURL("**/login?error=SessionRequired");
    await expect.poll(() => fresh.getByRole("alert").filter({ hasText: "Økten din er avsluttet" }).count()).toBe(1);
    await fresh.waitForTimeout(1000);
    // No loop back to /inbox (the router may replace the /login entry once while hydrating).
    expect(new Set(navigations)).toEqual(new Set(["/login"]));
    expect(navigations.length).toBeLessThanOrEqual(2);
    await temp.close();
    await owner.context.close();
  });
});

describe("starting in production", () => {
  it("refuses to start without NEXTAUTH_SECRET, with a one-line reason", async () => {
    const web = path.resolve(import.meta.dirname, "..");
    const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
      cwd: web,
      env: { ...process.env, NODE_ENV: "production", NEXTAUTH_SECRET: "", MINBIL_DEMO: "false", PORT: "0", DATABASE_URL: "" },
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(1);
    expect(stderr.trim()).toBe("Not starting: NEXTAUTH_SECRET must be set in production (for example: openssl rand -base64 32)");
  });
});

describe("live updates", () => {
  it("stop for a session that has ended: the open inbox goes back to sign-in on its own", async () => {
    const { context, page } = await newSignedIn("per@nordlys-bil.no");
    await expect.poll(() => page.getByTestId("total-unread").count()).toBe(1);
    // "Sign out everywhere", from the same account in another browser.
    const other = await newSignedIn("per@nordlys-bil.no");
    const status = await other.page.evaluate(async () => {
      const res = await fetch("/api/trpc/auth.signOutEverywhere", {
        method: "POST",
        headers: { "Content-Type": "application/json", "x-minbil-csrf": "1" },
        body: "{}",
      });
      return res.status;
    });
    expect(status).toBe(200);
    // The open page's event stream is re-checked within 10 s, ends, and the page learns why.
    await page.waitForURL("**/login?error=SessionRequired**", { timeout: 25_000 });
    await other.context.close();
    await context.close();
  }, 40_000);
});

describe("my account", () => {
  it("a password change ends the user's other sessions at once, and keeps this one", async () => {
    const owner = await newSignedIn("ola@fjord-auto.no");
    const email = `passord-${Date.now()}@fjord-auto.no`;
    await owner.page.evaluate(async (email) => {
      await fetch("/api/trpc/admin.createStaff", {
        method: "POST",
        headers: { "Content-Type": "application/json", "x-minbil-csrf": "1" },
        body: JSON.stringify({ name: "Passordbytter", email, password: "første-passord", role: "staff" }),
      });
    }, email);
    const phone = await browser.newContext();
    await signIn(await phone.newPage(), email, "første-passord");
    const phoneCookies = (await phone.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");

    const laptop = await browser.newContext();
    const page = await laptop.newPage();
    await signIn(page, email, "første-passord");
    await page.goto(`${base()}/account`);
    await page.getByLabel("Nåværende passord").fill("første-passord");
    await page.getByLabel("Nytt passord (minst 10 tegn)").fill("et-helt-nytt-passord");
    await page.getByRole("button", { name: "Bytt passord" }).click();
    await expect
      .poll(() => page.getByRole("status").filter({ hasText: "Passordet er byttet." }).textContent())
      .toContain("1 annen økt er logget ut");

    expect((await fetch(`${base()}/api/ws/messages`, { headers: { Cookie: phoneCookies } })).status).toBe(401);
    await page.goto(`${base()}/inbox`);
    expect(new URL(page.url()).pathname).toBe("/inbox");
    await Promise.all([phone.close(), laptop.close(), owner.context.close()]);
  });
});
