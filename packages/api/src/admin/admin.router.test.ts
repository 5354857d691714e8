import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staffCaller, tokenCaller } from "../testing/callers";
import { resolveApiToken } from "../auth/api-token";
import { verifyPassword } from "../auth/password";
import { createTestServices, type TestServices } from "../testing/test-services";
import { createWorkshopFixture } from "../testing/fixtures";

let services: TestServices;
let nordlys: Awaited<ReturnType<typeof createWorkshopFixture>>;
let fjord: Awaited<ReturnType<typeof createWorkshopFixture>>;
let owner: { id: string };
let staff: { id: string };

const as = (userId: string) => staffCaller(services, userId);

beforeAll(async () => {
  services = await createTestServices();
  nordlys = await createWorkshopFixture(services.db, "Nordlys");
  fjord = await createWorkshopFixture(services.db, "Fjord");
  owner = await services.db.user.create({
    data: { workshopId: nordlys.workshop.id, email: "eier@nordlys.no", name: "Eier", role: "OWNER", passwordHash: "x" },
  });
  staff = await services.db.user.create({
    data: { workshopId: nordlys.workshop.id, email: "ansatt@nordlys.no", name: "Ansatt", role: "STAFF", passwordHash: "x" },
  });
});
afterAll(() => services?.close());

describe("settings procedures", () => {
  it("let an owner create a token (secret shown once), list it and revoke it", async () => {
    const caller = await as(owner.id);
    const created = await caller.admin.createToken({ name: "Regnskap" });
    expect(await resolveApiToken(services.db, created.secret)).toMatchObject({ workshopId: nordlys.workshop.id });
    const listed = await caller.admin.tokens();
    const row = listed.find((token) => token.id === created.id)!;
    expect(row).toMatchObject({ name: "Regnskap", revoked_at: null });
    expect(row.last_used_at).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    await caller.admin.revokeToken({ id: created.id });
    expect(await resolveApiToken(services.db, created.secret)).toBeNull();
  });

  it("do not reach another workshop's tokens", async () => {
    const caller = await as(owner.id);
    await expect(caller.admin.revokeToken({ id: fjord.token.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await caller.admin.tokens()).map((t) => t.id)).not.toContain(fjord.token.id);
  });

  it("let an owner add staff who can then sign in, and disable them", async () => {
    const caller = await as(owner.id);
    const created = await caller.admin.createStaff({
      name: "Ny Mekaniker",
      email: "Ny@Nordlys.no",
      password: "et-langt-passord",
      role: "staff",
    });
    expect(created).toMatchObject({ email: "ny@nordlys.no", role: "staff", disabled: false });
    const user = await services.db.user.findUniqueOrThrow({ where: { id: created.id } });
    expect(await verifyPassword(user.passwordHash, "et-langt-passord")).toBe(true);
    await expect(
      caller.admin.createStaff({ name: "Igjen", email: "ny@nordlys.no", password: "et-langt-passord", role: "staff" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await caller.admin.setStaffDisabled({ id: created.id, disabled: true });
    await expect((await as(created.id)).messages.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(caller.admin.setStaffDisabled({ id: owner.id, disabled: true })).rejects.toMatchObject({ code: "UNPROCESSABLE_CONTENT" });
  });

  it("never tell an owner whether an e-mail address belongs to another workshop", async () => {
    const fjordStaff = await services.db.user.create({
      data: { workshopId: fjord.workshop.id, email: "hemmelig@fjord.no", name: "Hos Fjord", passwordHash: "x" },
    });
    const caller = await as(owner.id);
    // Another workshop's address is just an address: the account is made here, theirs is untouched.
    const created = await caller.admin.createStaff({ name: "Ny", email: "hemmelig@fjord.no", password: "et-langt-passord", role: "staff" });
    expect(created.email).toBe("hemmelig@fjord.no");
    expect(await services.db.user.findUniqueOrThrow({ where: { id: fjordStaff.id } })).toMatchObject({
      workshopId: fjord.workshop.id,
      name: "Hos Fjord",
    });
    // Only a colleague in one's own workshop is a conflict.
    await expect(
      caller.admin.createStaff({ name: "Igjen", email: "hemmelig@fjord.no", password: "et-langt-passord", role: "staff" }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: "Someone in your workshop already has this e-mail address" });
  });

  it("are for owners only", async () => {
    const caller = await as(staff.id);
    await expect(caller.admin.tokens()).rejects.toMatchObject({ code: "FORBIDDEN" });
    const token = tokenCaller(services, nordlys.token.secret);
    await expect(token.admin.createToken({ name: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
