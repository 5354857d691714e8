import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staffCaller } from "../testing/callers";
import { createWorkshop } from "../workshops/create-workshop";
import { createTemplatesTestSetup, type TemplatesTestSetup } from "./templates-test-setup";

let setup: TemplatesTestSetup;
beforeAll(async () => {
  setup = await createTemplatesTestSetup();
});
afterAll(() => setup?.services.close());

describe("templates.list", () => {
  it("a new workshop starts with the default templates, 'Bilen er klar' setting ready_for_pickup", async () => {
    const { db } = setup.services;
    const workshop = await createWorkshop(db, { slug: "nytt-verksted", name: "Nytt Verksted" });
    const user = await db.user.create({
      data: { workshopId: workshop.id, email: "eier@nytt.no", name: "Eier", role: "OWNER", passwordHash: "x" },
    });
    const list = await (await staffCaller(setup.services, user.id)).templates.list();
    expect(list.map((t) => t.name)).toEqual(["Bilen er klar", "Vi har mottatt bilen", "Trenger godkjenning", "Bekreftelse av time"]);
    expect(list.map((t) => t.booking_status)).toEqual(["ready_for_pickup", null, null, null]);
    for (const t of list) {
      expect(t.body_nb).toContain("{fornavn}");
      expect(t.body_en).toContain("{fornavn}");
    }
  });

  it("lists in order (position, then created order) for owners, staff and API tokens alike", async () => {
    const owner = await setup.owner();
    const later = await owner.templates.create({ name: "Sist", body_nb: "C", position: 9 });
    const first = await owner.templates.create({ name: "Først", body_nb: "A", position: 1 });
    const second = await owner.templates.create({ name: "Også først", body_nb: "B", position: 1 });
    for (const caller of [owner, await setup.staff(), setup.token()]) {
      expect((await caller.templates.list()).map((t) => t.id)).toEqual([first.id, second.id, later.id]);
    }
  });

  it("never shows another workshop's templates", async () => {
    await (await setup.owner()).templates.create({ name: "Hemmelig", body_nb: "Bare Nordlys" });
    expect((await (await setup.fjordOwner()).templates.list()).map((t) => t.name)).not.toContain("Hemmelig");
    expect((await setup.fjordToken().templates.list()).map((t) => t.name)).not.toContain("Hemmelig");
  });
});
