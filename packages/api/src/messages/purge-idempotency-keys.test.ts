import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestServices, type TestServices } from "../testing/test-services";
import { createWorkshopFixture } from "../testing/fixtures";
import { sendMessage } from "./send-message.handler";
import { purgeExpiredIdempotencyKeys } from "./purge-idempotency-keys";

let services: TestServices;
beforeAll(async () => {
  services = await createTestServices();
});
afterAll(() => services?.close());

it("forgets keys after 24 hours and keeps younger ones; a forgotten key can be used again", async () => {
  const { workshop, booking, auth } = await createWorkshopFixture(services.db);
  const send = (key: string, at: Date) =>
    sendMessage(
      { ...services, workshopId: workshop.id, actor: auth.actor, now: () => at },
      { booking_id: booking.id, body: key, sender_type: "workshop", attachments: [], idempotency_key: key },
    );
  const now = new Date();
  await send("old", new Date(now.getTime() - 25 * 3_600_000));
  await send("young", new Date(now.getTime() - 23 * 3_600_000));
  expect(await purgeExpiredIdempotencyKeys(services.db, now)).toBe(1);
  expect((await services.db.idempotencyKey.findMany()).map((k) => k.key)).toEqual(["young"]);
  expect((await send("old", now)).replayed).toBe(false);
});
