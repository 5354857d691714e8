import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveApiToken } from "@minbil/api/auth/api-token";
import { createTestServices, type TestServices } from "@minbil/api/testing/test-services";
import { seedDemoData } from "./seed-demo-data";

// Nothing a person was given stops working because the demo starts again, is seeded again, or is
// started with MINBIL_WS_ACCESS_TOKEN.

let services: TestServices;
beforeAll(async () => {
  services = await createTestServices();
});
afterAll(() => services?.close());

describe("seedDemoData", () => {
  it("never revokes a token it printed before, whatever runs next", async () => {
    const first = await seedDemoData(services.db, services.storage);
    expect(first.map((w) => [w.slug, w.created])).toEqual([
      ["nordlys-bil", true],
      ["fjord-auto", true],
    ]);
    const printed = first[0]!.newToken!;
    expect(await resolveApiToken(services.db, printed)).not.toBeNull();

    // A restart of the demo: nothing new, nothing revoked.
    const restart = await seedDemoData(services.db, services.storage);
    expect(restart.every((w) => !w.created && w.newToken === null)).toBe(true);

    // A restart with MINBIL_WS_ACCESS_TOKEN: that value works too, beside the earlier token.
    const withFixed = await seedDemoData(services.db, services.storage, { fixedToken: "my-local-token-123" });
    expect(withFixed[0]).toMatchObject({ fixedToken: "my-local-token-123", fixedTokenProblem: null });
    expect(await resolveApiToken(services.db, "my-local-token-123")).toMatchObject({ workshopId: expect.any(String) });

    // `pnpm db:seed` on the existing database: one more token per workshop, the earlier ones still work.
    const seedAgain = await seedDemoData(services.db, services.storage, { newTokenForExisting: true });
    expect(seedAgain.every((w) => w.newToken !== null)).toBe(true);
    for (const token of [printed, "my-local-token-123", seedAgain[0]!.newToken!]) {
      expect(await resolveApiToken(services.db, token), token).not.toBeNull();
    }
    expect(await services.db.apiToken.count({ where: { revokedAt: { not: null } } })).toBe(0);
  });

  it("says why MINBIL_WS_ACCESS_TOKEN cannot be used, instead of failing or taking it over", async () => {
    const fjord = await services.db.workshop.findUniqueOrThrow({ where: { slug: "fjord-auto" } });
    const { createApiToken } = await import("@minbil/api/auth/api-token");
    await createApiToken(services.db, fjord.id, "Fjord's own", "fjords-own-token-1");
    const result = await seedDemoData(services.db, services.storage, { fixedToken: "fjords-own-token-1" });
    expect(result[0]).toMatchObject({ fixedToken: null, fixedTokenProblem: "it is already another workshop's token" });
    expect(await resolveApiToken(services.db, "fjords-own-token-1")).toMatchObject({ workshopId: fjord.id });
  });
});
