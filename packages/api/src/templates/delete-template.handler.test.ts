import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTemplatesTestSetup, type TemplatesTestSetup } from "./templates-test-setup";

let setup: TemplatesTestSetup;
beforeAll(async () => {
  setup = await createTemplatesTestSetup();
});
afterAll(() => setup?.services.close());

describe("templates.delete", () => {
  it("removes a template", async () => {
    const owner = await setup.owner();
    const made = await owner.templates.create({ name: "Borte", body_nb: "Tekst" });
    expect(await owner.templates.delete({ id: made.id })).toEqual({ id: made.id, deleted: true });
    expect((await owner.templates.list()).map((t) => t.id)).not.toContain(made.id);
    await expect(owner.templates.delete({ id: made.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("is for owners only, and another workshop's template is not found", async () => {
    const made = await (await setup.owner()).templates.create({ name: "Blir", body_nb: "Tekst" });
    for (const caller of [await setup.staff(), setup.token()]) {
      await expect(caller.templates.delete({ id: made.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect((await setup.fjordOwner()).templates.delete({ id: made.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await setup.services.db.messageTemplate.findUnique({ where: { id: made.id } })).not.toBeNull();
  });
});
