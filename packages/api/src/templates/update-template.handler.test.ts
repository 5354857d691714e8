import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTemplatesTestSetup, type TemplatesTestSetup } from "./templates-test-setup";

let setup: TemplatesTestSetup;
beforeAll(async () => {
  setup = await createTemplatesTestSetup();
});
afterAll(() => setup?.services.close());

describe("templates.update", () => {
  it("changes only the fields given", async () => {
    const owner = await setup.owner();
    const made = await owner.templates.create({ name: "Klar", body_nb: "Hei {fornavn}", booking_status: "ready_for_pickup" });
    expect(await owner.templates.update({ id: made.id, name: "Ferdig", booking_status: null, position: 5 })).toMatchObject({
      id: made.id,
      name: "Ferdig",
      body_nb: "Hei {fornavn}",
      booking_status: null,
      position: 5,
    });
  });

  it("refuses an unknown variable and a taken name, changing nothing", async () => {
    const owner = await setup.owner();
    const made = await owner.templates.create({ name: "Uendret", body_nb: "Tekst" });
    await owner.templates.create({ name: "Opptatt", body_nb: "Tekst" });
    await expect(owner.templates.update({ id: made.id, body_en: "Price {price}" })).rejects.toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      message: expect.stringContaining("{price}"),
    });
    await expect(owner.templates.update({ id: made.id, name: "Opptatt" })).rejects.toMatchObject({
      cause: { details: [{ field: "name", message: expect.stringContaining("already exists") }] },
    });
    expect(await setup.services.db.messageTemplate.findUnique({ where: { id: made.id } })).toMatchObject({ name: "Uendret", bodyEn: "" });
  });

  it("is for owners only, and another workshop's template is not found", async () => {
    const made = await (await setup.owner()).templates.create({ name: "Eiers", body_nb: "Tekst" });
    for (const caller of [await setup.staff(), setup.token()]) {
      await expect(caller.templates.update({ id: made.id, name: "Nei" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect((await setup.fjordOwner()).templates.update({ id: made.id, name: "Tatt" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: `Template ${made.id} was not found`,
    });
    expect(await setup.services.db.messageTemplate.findUnique({ where: { id: made.id } })).toMatchObject({ name: "Eiers" });
  });
});
