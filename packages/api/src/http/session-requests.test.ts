import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StaffSession } from "../auth/auth-context";
import { createStaffSession, revokeStaffSession } from "../auth/staff-sessions";
import { hashPassword } from "../auth/password";
import { createTestServices, type TestServices } from "../testing/test-services";
import { createWorkshopFixture } from "../testing/fixtures";
import { createTestHttpApp, fetchApp } from "../testing/test-http";
import { PNG_BYTES, file } from "../testing/sample-files";

// Requests a browser makes with the staff session cookie: they must come from our own pages, and a
// session ends at once, everywhere, when it is signed out, its user disabled or the password changed.

let services: TestServices;
let call: ReturnType<typeof fetchApp>;
let workshop: Awaited<ReturnType<typeof createWorkshopFixture>>;
let userId: string;
const sessions = new Map<string, StaffSession>();

beforeAll(async () => {
  services = await createTestServices();
  workshop = await createWorkshopFixture(services.db, "Økt Bil");
  userId = (
    await services.db.user.create({
      data: {
        workshopId: workshop.workshop.id,
        email: "kari@okt.no",
        name: "Kari",
        role: "OWNER",
        passwordHash: await hashPassword("gammelt-passord"),
      },
    })
  ).id;
  // The web app decodes its session cookie; here a cookie "session=<name>" names a session directly.
  call = fetchApp(
    await createTestHttpApp(services, {
      getSession: async (headers) => sessions.get(/session=(\w+)/.exec(headers.cookie ?? "")?.[1] ?? "") ?? null,
    }),
  );
});
afterAll(() => services?.close());

async function signIn(name: string) {
  const session = await createStaffSession(services.db, { userId, userAgent: null, clientIp: null });
  sessions.set(name, { userId, sessionId: session.id });
  return session.id;
}

const OWN = { Host: "localhost:5000", Origin: "http://localhost:5000", "Sec-Fetch-Site": "same-origin", "x-minbil-csrf": "1" };

function sendForm(cookie: string, headers: Record<string, string>) {
  return call("/api/ws/messages", {
    method: "POST",
    headers: { Cookie: `session=${cookie}`, "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: `booking_id=${workshop.booking.id}&body=${encodeURIComponent("Sendt av en annen side")}`,
  });
}

function trpcUpload(cookie: string, headers: Record<string, string>) {
  const form = new FormData();
  form.set("booking_id", String(workshop.booking.id));
  form.set("body", "Opplasting fra en annen side");
  form.append("attachments", file(PNG_BYTES, "bilde.png", "image/png"));
  return call("/api/trpc/messages.send", { method: "POST", headers: { Cookie: `session=${cookie}`, ...headers }, body: form });
}

describe("cross-site requests with the session cookie", () => {
  it("refuses state-changing requests from another origin (another port of the same site), REST and tRPC alike", async () => {
    await signIn("kari");
    const before = await services.db.message.count();
    const attacks: Record<string, string>[] = [
      // A plain HTML form on http://localhost:6000: no custom header, cross-origin.
      { Host: "localhost:5000", Origin: "http://localhost:6000", "Sec-Fetch-Site": "same-site" },
      // Even with our header (it cannot send it, but say it could): the browser's own statements disagree.
      { Host: "localhost:5000", Origin: "http://localhost:6000", "Sec-Fetch-Site": "same-site", "x-minbil-csrf": "1" },
      { Host: "localhost:5000", "Sec-Fetch-Site": "cross-site", "x-minbil-csrf": "1" },
      // Our own origin, but without our header (a form of ours cannot be made to post here).
      { Host: "localhost:5000", Origin: "http://localhost:5000", "Sec-Fetch-Site": "same-origin" },
    ];
    for (const headers of attacks) {
      const rest = await sendForm("kari", headers);
      expect(rest.status, JSON.stringify(headers)).toBe(403);
      expect((await rest.json()).error.code).toBe("FORBIDDEN");
      const trpc = await trpcUpload("kari", headers);
      expect(trpc.status, JSON.stringify(headers)).toBe(403);
    }
    expect(await services.db.message.count()).toBe(before);
  });

  it("lets our own pages through, and reads (GET) need no proof", async () => {
    expect((await sendForm("kari", OWN)).status).toBe(201);
    expect((await trpcUpload("kari", OWN)).status).toBe(200);
    expect((await call("/api/ws/messages", { headers: { Cookie: "session=kari", Host: "localhost:5000" } })).status).toBe(200);
  });

  it("does not ask Bearer-token callers for any of it", async () => {
    const res = await call("/api/ws/messages", {
      method: "POST",
      headers: {
        Authorization: `Bearer ${workshop.token.secret}`,
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: "https://dms.example",
      },
      body: `booking_id=${workshop.booking.id}&body=Fra+partner`,
    });
    expect(res.status).toBe(201);
  });
});

describe("ending sessions", () => {
  const list = (cookie: string) => call("/api/ws/messages", { headers: { Cookie: `session=${cookie}` } });
  const trpc = (cookie: string, procedure: string, input: unknown) =>
    call(`/api/trpc/${procedure}`, {
      method: "POST",
      headers: { Cookie: `session=${cookie}`, "Content-Type": "application/json", ...OWN },
      body: JSON.stringify(input),
    });

  it("sign-out ends that session at once, also for a copy of its cookie; other sessions go on", async () => {
    const id = await signIn("laptop");
    await signIn("phone");
    expect((await list("laptop")).status).toBe(200);
    await revokeStaffSession(services.db, id);
    expect((await list("laptop")).status).toBe(401);
    expect((await list("phone")).status).toBe(200);
  });

  it("a password change ends every other session of the user, not the one that made it", async () => {
    await signIn("desk");
    await signIn("tablet");
    const changed = await trpc("desk", "auth.changePassword", {
      current_password: "gammelt-passord",
      new_password: "et-nytt-langt-passord",
    });
    expect(changed.status).toBe(200);
    expect((await list("tablet")).status).toBe(401);
    expect((await list("desk")).status).toBe(200);
    const wrong = await trpc("desk", "auth.changePassword", { current_password: "feil", new_password: "enda-et-nytt-passord" });
    expect(wrong.status).toBe(422);
  });

  it("sign out everywhere ends all of them", async () => {
    await signIn("a");
    await signIn("b");
    expect((await trpc("a", "auth.signOutEverywhere", {})).status).toBe(200);
    expect((await list("a")).status).toBe(401);
    expect((await list("b")).status).toBe(401);
  });

  it("disabling the user ends their sessions at once", async () => {
    await signIn("beforedisable");
    expect((await list("beforedisable")).status).toBe(200);
    await services.db.user.update({ where: { id: userId }, data: { disabledAt: new Date() } });
    expect((await list("beforedisable")).status).toBe(401);
    await services.db.user.update({ where: { id: userId }, data: { disabledAt: null } });
  });
});
