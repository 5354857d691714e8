import { staffCaller, tokenCaller } from "../testing/callers";
import { createTestServices, type TestServices } from "../testing/test-services";
import { createWorkshopFixture } from "../testing/fixtures";

/** Two workshops with an owner each, Nordlys also with a plain staff member and an API token: what the template tests need. */
export async function createTemplatesTestSetup() {
  const services: TestServices = await createTestServices();
  const nordlys = await createWorkshopFixture(services.db, "Nordlys");
  const fjord = await createWorkshopFixture(services.db, "Fjord");
  const user = (workshopId: string, name: string, role: "OWNER" | "STAFF") =>
    services.db.user.create({
      data: { workshopId, email: `${name.toLowerCase()}@example.no`, name, role, passwordHash: "x" },
      select: { id: true },
    });
  const owner = await user(nordlys.workshop.id, "Kari", "OWNER");
  const staff = await user(nordlys.workshop.id, "Per", "STAFF");
  const fjordOwner = await user(fjord.workshop.id, "Ola", "OWNER");
  return {
    services,
    nordlys,
    fjord,
    /** Nordlys's owner, its plain staff member and its API token; Fjord's owner and token. */
    owner: () => staffCaller(services, owner.id),
    staff: () => staffCaller(services, staff.id),
    token: () => tokenCaller(services, nordlys.token.secret),
    fjordOwner: () => staffCaller(services, fjordOwner.id),
    fjordToken: () => tokenCaller(services, fjord.token.secret),
  };
}
export type TemplatesTestSetup = Awaited<ReturnType<typeof createTemplatesTestSetup>>;
