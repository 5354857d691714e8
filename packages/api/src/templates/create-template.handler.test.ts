import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTemplatesTestSetup, type TemplatesTestSetup } from "./templates-test-setup";

let setup: TemplatesTestSetup;
beforeAll(async () => {
  setup = await createTemplatesTestSetup();
});
afterAll(() => setup?.services.close());

const template = { name: "Klar", body_nb: "Hei {fornavn}! {bil} er klar.", body_en: "Hi {fornavn}! Your {bil} is ready." };

describe("templates.create", () => {
  it("adds a template after the last one, English and status optional", async () => {
    const owner = await setup.owner();
    expect(await owner.templates.create({ ...template, booking_status: "ready_for_pickup" })).toMatchObject({
      ...template,
      booking_status: "ready_for_pickup",
      position: 0,
    });
    expect(await owner.templates.create({ name: "Andre", body_nb: "Tekst" })).toMatchObject({
      position: 1,
      body_en: "",
      booking_status: null,
    });
  });

  it("refuses an unknown variable, naming it", async () => {
    const owner = await setup.owner();
    await expect(owner.templates.create({ name: "Pris", body_nb: "Prisen blir {pris}." })).rejects.toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      message: expect.stringContaining("Unknown variable {pris}"),
      cause: { details: [{ field: "body_nb", message: expect.stringContaining("{pris}") }] },
    });
    await expect(owner.templates.create({ name: "Pris", body_nb: "Ok", body_en: "{price} and {date}" })).rejects.toMatchObject({
      cause: { details: [{ field: "body_en", message: expect.stringContaining("Unknown variables {price}, {date}") }] },
    });
    expect(await setup.services.db.messageTemplate.count({ where: { name: "Pris" } })).toBe(0);
  });

  it("refuses a name the workshop already has; another workshop may use it", async () => {
    await (await setup.owner()).templates.create({ name: "Samme", body_nb: "En" });
    await expect((await setup.owner()).templates.create({ name: "Samme", body_nb: "To" })).rejects.toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      cause: { details: [{ field: "name", message: expect.stringContaining("already exists") }] },
    });
    expect(await (await setup.fjordOwner()).templates.create({ name: "Samme", body_nb: "Fjord" })).toMatchObject({ name: "Samme" });
  });

  it("is for owners only: staff and API tokens are refused", async () => {
    for (const caller of [await setup.staff(), setup.token()]) {
      await expect(caller.templates.create({ name: "Nei", body_nb: "Nei" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await setup.services.db.messageTemplate.count({ where: { name: "Nei" } })).toBe(0);
  });
});
