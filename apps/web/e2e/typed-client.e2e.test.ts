import { describe, expect, inject, it } from "vitest";
import { EventSource } from "eventsource";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import type { AppRouter } from "@minbil/api/root";
import type { WorkshopEventDto } from "@minbil/contracts/events/event.schema";

// A partner's TypeScript code: the typed procedures over HTTP with a Bearer token, live events
// included (Node 20 has no EventSource: the `eventsource` package provides one).

function client() {
  const url = `${inject("baseUrl")}/api/trpc`;
  const headers = { Authorization: `Bearer ${inject("token")}` };
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({
          url,
          EventSource,
          eventSourceOptions: () => ({ fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, ...headers } }) }),
        }),
        false: httpBatchLink({ url, headers }),
      }),
    ],
  });
}

describe("the typed procedures from another program", () => {
  it("list, read and send with a Bearer token, and receive live events", async () => {
    const trpc = client();
    const inbox = await trpc.messages.list.query({ limit: 5 });
    expect(inbox.data).toHaveLength(5);
    const bookingId = inbox.data[0]!.booking_id;
    const thread = await trpc.messages.thread.query({ booking_id: bookingId });
    expect(thread.data.booking_id).toBe(bookingId);

    // The stream says first where it starts; then events follow.
    const received: WorkshopEventDto[] = [];
    let started = false;
    const subscription = trpc.messages.events.subscribe(undefined, {
      onData: ({ data }) => (data.type === "stream.started" ? (started = true) : received.push(data)),
    });
    await expect.poll(() => started).toBe(true);
    const sent = await trpc.messages.send.mutate({ booking_id: bookingId, body: "Fra et partnersystem", sender_type: "customer" });
    await expect.poll(() => received.map((event) => event.type === "message.created" && event.data.message.id)).toContain(sent.message.id);
    subscription.unsubscribe();

    await expect(trpc.messages.thread.query({ booking_id: 999_999 })).rejects.toMatchObject({
      data: { code: "NOT_FOUND", appCode: "NOT_FOUND" },
    });
  });
});
