import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestServices, type TestServices } from "../testing/test-services";
import { createWorkshopFixture } from "../testing/fixtures";
import { tokenCaller } from "../testing/callers";

// Messages, events and idempotency keys have no foreign key to their workshop or token (migration
// 20261126130331_no_hot_parent_keys: those keys made every send of a workshop lock one row). Deleting a
// workshop or a token must still leave nothing of theirs behind, as the keys' cascades did.
describe("deleting a workshop or a token", () => {
  let services: TestServices;
  beforeAll(async () => {
    services = await createTestServices();
  });
  afterAll(async () => {
    await services?.close();
  });

  async function sendWithKey() {
    const fixture = await createWorkshopFixture(services.db);
    const { message } = await tokenCaller(services, fixture.token.secret).messages.send({
      booking_id: fixture.booking.id,
      body: "Når kan jeg hente bilen?",
      sender_type: "customer",
      idempotency_key: `key-${fixture.workshop.id}`,
      attachments: [],
    });
    return { ...fixture, messageId: message.id };
  }

  it("a deleted token's messages stay, without the token", async () => {
    const { token, messageId } = await sendWithKey();
    expect((await services.db.message.findUniqueOrThrow({ where: { id: messageId } })).apiTokenId).toBe(token.id);
    await services.db.apiToken.delete({ where: { id: token.id } });
    expect((await services.db.message.findUniqueOrThrow({ where: { id: messageId } })).apiTokenId).toBeNull();
  });

  it("a deleted workshop leaves no messages, events or idempotency keys behind, and another workshop keeps its own", async () => {
    const gone = await sendWithKey();
    const kept = await sendWithKey();
    await services.db.workshop.delete({ where: { id: gone.workshop.id } });
    const left = async (workshopId: string) => ({
      messages: await services.db.message.count({ where: { workshopId } }),
      events: await services.db.event.count({ where: { workshopId } }),
      keys: await services.db.idempotencyKey.count({ where: { workshopId } }),
    });
    expect(await left(gone.workshop.id)).toEqual({ messages: 0, events: 0, keys: 0 });
    expect(await left(kept.workshop.id)).toEqual({ messages: 1, events: 1, keys: 1 });
  });
});
