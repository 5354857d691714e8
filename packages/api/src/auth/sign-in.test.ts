import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestServices, type TestServices } from "../testing/test-services";
import { createWorkshopFixture } from "../testing/fixtures";
import { createSignInLimits, SIGN_IN_RULES } from "../rate-limits/sign-in-limits";
import type { LimiterStore } from "../rate-limits/limiter-store";
import { hashPassword } from "./password";
import { signInStaff, type SignInInput } from "./sign-in";

// Guessing passwords is slow however it is done (in parallel, from many addresses), while the real
// user can still sign in. On PostgreSQL the counters live in the database (shared by app processes).

let services: TestServices;
let store: LimiterStore;
let workshopId: string;

beforeAll(async () => {
  services = await createTestServices();
  store = services.database.pool ? { kind: "postgres", pool: services.database.pool } : { kind: "memory" };
  workshopId = (await createWorkshopFixture(services.db, "Innlogging Bil")).workshop.id;
});
afterAll(() => services?.close());

let counter = 0;
async function staffMember(password = "riktig-passord") {
  counter += 1;
  const email = `ansatt${counter}-${Date.now()}@example.no`;
  await services.db.user.create({ data: { workshopId, email, name: `Ansatt ${counter}`, passwordHash: await hashPassword(password) } });
  return email;
}

const attempt = (email: string, password: string, clientIp: string, knownDevice = false): SignInInput => ({
  email,
  password,
  clientIp,
  userAgent: "test",
  knownDevice,
});

/** The outcome of each attempt: "ok", or the error code it was refused with. */
async function outcome(limits: ReturnType<typeof createSignInLimits>, input: SignInInput): Promise<string> {
  try {
    await signInStaff({ db: services.db, limits }, input);
    return "ok";
  } catch (error) {
    return (error as { cause?: { code?: string } }).cause?.code ?? String(error);
  }
}

describe("sign-in limits", () => {
  it("counts parallel guesses before checking any password: of 60 at once, at most 5 are checked", async () => {
    const limits = createSignInLimits(store);
    const email = await staffMember();
    const results = await Promise.all(Array.from({ length: 60 }, () => outcome(limits, attempt(email, "gjett", "198.51.100.7"))));
    expect(results.filter((r) => r === "UNAUTHORIZED")).toHaveLength(SIGN_IN_RULES.accountAtAddress.points);
    expect(results.filter((r) => r === "RATE_LIMITED")).toHaveLength(60 - SIGN_IN_RULES.accountAtAddress.points);
  });

  it("bounds guesses from ever new addresses by the account-wide limit", async () => {
    const limits = createSignInLimits(store);
    const email = await staffMember();
    const results = [];
    for (let i = 0; i < 60; i += 1) results.push(await outcome(limits, attempt(email, "gjett", `203.0.113.${i}`)));
    expect(results.filter((r) => r === "UNAUTHORIZED")).toHaveLength(SIGN_IN_RULES.account.points);
  });

  it("keeps the real user able to sign in while an attacker is being limited", async () => {
    const limits = createSignInLimits(store);
    const email = await staffMember("mitt-eget-passord");
    for (let i = 0; i < 60; i += 1) await outcome(limits, attempt(email, "gjett", `192.0.2.${i}`));
    // The attacker has used up the account-wide budget; a browser that signed in here before is not held by it.
    expect(await outcome(limits, attempt(email, "mitt-eget-passord", "100.64.0.1", true))).toBe("ok");
    // And whoever is limited learns when to try again, at once (no 30-second wait).
    const started = Date.now();
    expect(await outcome(limits, attempt(email, "gjett", "192.0.2.1"))).toBe("RATE_LIMITED");
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("lets a user who mistyped a few times in again, and forgets those failures on success", async () => {
    const limits = createSignInLimits(store);
    const email = await staffMember("husker-det-nå");
    for (let i = 0; i < 4; i += 1) expect(await outcome(limits, attempt(email, "feil", "198.51.100.20"))).toBe("UNAUTHORIZED");
    expect(await outcome(limits, attempt(email, "husker-det-nå", "198.51.100.20"))).toBe("ok");
    for (let i = 0; i < 4; i += 1) expect(await outcome(limits, attempt(email, "feil", "198.51.100.20"))).toBe("UNAUTHORIZED");
  });
});

describe("signInStaff", () => {
  it("answers a wrong password, an unknown address and a disabled account alike", async () => {
    const limits = createSignInLimits({ kind: "memory" });
    const email = await staffMember("passordet-mitt");
    const disabled = await staffMember("passordet-mitt");
    await services.db.user.updateMany({ where: { email: disabled }, data: { disabledAt: new Date() } });
    expect(await outcome(limits, attempt(email, "feil", "10.0.0.1"))).toBe("UNAUTHORIZED");
    expect(await outcome(limits, attempt("ingen@example.no", "passordet-mitt", "10.0.0.2"))).toBe("UNAUTHORIZED");
    expect(await outcome(limits, attempt(disabled, "passordet-mitt", "10.0.0.3"))).toBe("UNAUTHORIZED");
  });

  it("opens a session row for a right password, whichever workshop the address is used in", async () => {
    const limits = createSignInLimits({ kind: "memory" });
    const other = (await createWorkshopFixture(services.db, "Annet Verksted")).workshop.id;
    const email = `delt-${Date.now()}@example.no`;
    await services.db.user.create({ data: { workshopId, email, name: "I to verksteder", passwordHash: await hashPassword("passord-en") } });
    const second = await services.db.user.create({
      data: { workshopId: other, email, name: "I to verksteder", passwordHash: await hashPassword("passord-to") },
    });
    const signedIn = await signInStaff({ db: services.db, limits }, attempt(email, "passord-to", "10.0.0.9"));
    expect(signedIn.userId).toBe(second.id);
    const row = await services.db.staffSession.findUniqueOrThrow({ where: { id: signedIn.sessionId } });
    expect(row).toMatchObject({ userId: second.id, revokedAt: null, clientIp: "10.0.0.9" });
  });
});
