import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staffCaller, tokenCaller } from "../testing/callers";
import { createTestServices, type TestServices } from "../testing/test-services";
import { createWorkshopFixture } from "../testing/fixtures";
import { createWorkshop } from "../workshops/create-workshop";
import { DEFAULT_TEMPLATES } from "./default-templates";

// templates.list/create/update/delete: who may do what, refusals, and one workshop never seeing another's.

let services: TestServices;
let nordlys: Awaited<ReturnType<typeof createWorkshopFixture>>;
let fjord: Awaited<ReturnType<typeof createWorkshopFixture>>;
let owner: { id: string };
let staff: { id: string };
let fjordOwner: { id: string };

beforeAll(async () => {
  services = await createTestServices();
  nordlys = await createWorkshopFixture(services.db, "Nordlys");
  fjord = await createWorkshopFixture(services.db, "Fjord");
  const user = (workshopId: string, name: string, role: "OWNER" | "STAFF") =>
    services.db.user.create({
      data: { workshopId, email: `${name.toLowerCase()}@example.no`, name, role, passwordHash: "x" },
      select: { id: true },
    });
  owner = await user(nordlys.workshop.id, "Kari", "OWNER");
  staff = await user(nordlys.workshop.id, "Per", "STAFF");
  fjordOwner = await user(fjord.workshop.id, "Ola", "OWNER");
});
afterAll(() => services?.close());

const template = { name: "Klar", body_nb: "Hei {fornavn}! {bil} er klar.", body_en: "Hi {fornavn}! Your {bil} is ready." };

describe("templates", () => {
  it("a new workshop starts with the default templates, 'Bilen er klar' setting ready_for_pickup", async () => {
    const workshop = await createWorkshop(services.db, { slug: "ny-verksted", name: "Nytt Verksted" });
    const user = await services.db.user.create({
      data: { workshopId: workshop.id, email: "eier@nytt.no", name: "Eier", role: "OWNER", passwordHash: "x" },
    });
    const list = await (await staffCaller(services, user.id)).templates.list();
    expect(list.map((t) => t.name)).toEqual(["Bilen er klar", "Vi har mottatt bilen", "Trenger godkjenning", "Bekreftelse av time"]);
    expect(list.map((t) => t.booking_status)).toEqual(["ready_for_pickup", null, null, null]);
    for (const t of list) {
      expect(t.body_nb).toContain("{fornavn}");
      expect(t.body_en).toContain("{fornavn}");
    }
    expect(DEFAULT_TEMPLATES).toHaveLength(4);
  });

  it("owners create, update and delete; the list is in order", async () => {
    const caller = await staffCaller(services, owner.id);
    const created = await caller.templates.create({ ...template, booking_status: "ready_for_pickup" });
    expect(created).toMatchObject({ ...template, booking_status: "ready_for_pickup", position: 0 });
    const second = await caller.templates.create({ name: "Andre", body_nb: "Tekst" });
    expect(second).toMatchObject({ position: 1, body_en: "", booking_status: null });

    const updated = await caller.templates.update({ id: created.id, name: "Bilen er ferdig", booking_status: null, position: 5 });
    expect(updated).toMatchObject({ name: "Bilen er ferdig", body_nb: template.body_nb, booking_status: null, position: 5 });
    expect((await caller.templates.list()).map((t) => t.name)).toEqual(["Andre", "Bilen er ferdig"]);

    expect(await caller.templates.delete({ id: second.id })).toEqual({ id: second.id, deleted: true });
    expect((await caller.templates.list()).map((t) => t.id)).toEqual([created.id]);
    await caller.templates.delete({ id: created.id });
  });

  it("refuses an unknown variable on save, naming it", async () => {
    const caller = await staffCaller(services, owner.id);
    await expect(caller.templates.create({ name: "Pris", body_nb: "Prisen blir {pris}." })).rejects.toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      message: expect.stringContaining("Unknown variable {pris}"),
      cause: { details: [{ field: "body_nb", message: expect.stringContaining("{pris}") }] },
    });
    const ok = await caller.templates.create({ name: "Pris", body_nb: "Prisen kommer, {kunde}." });
    await expect(caller.templates.update({ id: ok.id, body_en: "Price {price}" })).rejects.toMatchObject({
      message: expect.stringContaining("{price}"),
    });
    expect((await caller.templates.list()).find((t) => t.id === ok.id)?.body_en).toBe("");
    await caller.templates.delete({ id: ok.id });
  });

  it("refuses a name the workshop already has, but another workshop may use it", async () => {
    const caller = await staffCaller(services, owner.id);
    const first = await caller.templates.create({ name: "Samme", body_nb: "En" });
    await expect(caller.templates.create({ name: "Samme", body_nb: "To" })).rejects.toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      cause: { details: [{ field: "name", message: expect.stringContaining("already exists") }] },
    });
    const other = await caller.templates.create({ name: "Annen", body_nb: "To" });
    await expect(caller.templates.update({ id: other.id, name: "Samme" })).rejects.toMatchObject({ code: "UNPROCESSABLE_CONTENT" });
    await (await staffCaller(services, fjordOwner.id)).templates.create({ name: "Samme", body_nb: "Fjord" });
    await caller.templates.delete({ id: first.id });
    await caller.templates.delete({ id: other.id });
  });

  it("only owners change templates; staff and API tokens read them", async () => {
    const made = await (await staffCaller(services, owner.id)).templates.create({ name: "Eiers", body_nb: "Tekst" });
    const perCaller = await staffCaller(services, staff.id);
    const token = tokenCaller(services, nordlys.token.secret);
    for (const caller of [perCaller, token]) {
      await expect(caller.templates.create({ name: "Nei", body_nb: "Nei" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(caller.templates.update({ id: made.id, name: "Nei" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(caller.templates.delete({ id: made.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect((await caller.templates.list()).map((t) => t.name)).toContain("Eiers");
    }
    expect(await services.db.messageTemplate.count({ where: { workshopId: nordlys.workshop.id, name: "Nei" } })).toBe(0);
  });

  it("a workshop neither sees nor changes another's templates (they look unknown)", async () => {
    const mine = await (await staffCaller(services, owner.id)).templates.create({ name: "Hemmelig", body_nb: "Bare Nordlys" });
    const fjordCaller = await staffCaller(services, fjordOwner.id);
    expect((await fjordCaller.templates.list()).map((t) => t.name)).not.toContain("Hemmelig");
    expect((await tokenCaller(services, fjord.token.secret).templates.list()).map((t) => t.id)).not.toContain(mine.id);
    await expect(fjordCaller.templates.update({ id: mine.id, name: "Tatt" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: `Template ${mine.id} was not found`,
    });
    await expect(fjordCaller.templates.delete({ id: mine.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(fjordCaller.templates.delete({ id: 999_999 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await services.db.messageTemplate.findUnique({ where: { id: mine.id } })).toMatchObject({ name: "Hemmelig" });
  });
});
