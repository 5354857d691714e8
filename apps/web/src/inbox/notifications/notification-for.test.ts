import { describe, expect, it } from "vitest";
import type { WorkshopEventDto } from "@minbil/contracts/events/event.schema";
import { LOCALES } from "~/i18n/messages";
import { notificationFor, type Viewer } from "./notification-for";

const t = LOCALES.nb;
const kari: Viewer = { userId: "usr_kari", name: "Kari Nordmann", watchingBookingId: null };
const names = (id: number) => (id === 7 ? "Ingrid Johansen" : undefined);

function message(overrides: Partial<Extract<WorkshopEventDto, { type: "message.created" }>["data"]["message"]>): WorkshopEventDto {
  return {
    id: "evt_1",
    seq: 1,
    created_at: "2026-11-26T10:00:00.000Z",
    booking_id: 7,
    type: "message.created",
    data: {
      booking_id: 7,
      unread_count: 1,
      message_count: 1,
      message: {
        id: 1,
        booking_id: 7,
        seq: 1,
        body: "Når er bilen klar?",
        sender_type: "customer",
        sender: "Ingrid Johansen",
        created_at: "2026-11-26T10:00:00.000Z",
        attachments: [],
        kind: "text",
        estimate: null,
        visibility: "customer",
        mentioned_user_ids: [],
        delivery: null,
        ...overrides,
      },
    },
  };
}

describe("notificationFor", () => {
  it("tells of a customer's message, unless the person is looking at that thread", () => {
    expect(notificationFor(message({}), kari, t, names)).toMatchObject({
      kind: "customer_message",
      title: "Ingrid Johansen",
      body: "Når er bilen klar?",
    });
    expect(notificationFor(message({}), { ...kari, watchingBookingId: 7 }, t, names)).toBeNull();
    expect(notificationFor(message({ sender_type: "workshop", sender: "Per Hansen" }), kari, t, names)).toBeNull();
  });

  it("tells of a colleague's note naming them, not of notes naming others or their own", () => {
    const note = message({
      sender_type: "workshop",
      sender: "Per Hansen",
      visibility: "internal",
      body: "@Kari ring kunden",
      mentioned_user_ids: ["usr_kari"],
    });
    expect(notificationFor(note, { ...kari, watchingBookingId: 7 }, t, names)).toMatchObject({
      kind: "mention",
      title: t.mentionedYou("Per Hansen", "Ingrid Johansen"),
      body: "@Kari ring kunden",
    });
    expect(
      notificationFor(message({ visibility: "internal", sender_type: "workshop", mentioned_user_ids: ["usr_per"] }), kari, t, names),
    ).toBeNull();
    expect(
      notificationFor(
        message({ visibility: "internal", sender_type: "workshop", sender: "Kari Nordmann", mentioned_user_ids: ["usr_kari"] }),
        kari,
        t,
        names,
      ),
    ).toBeNull();
  });

  it("tells of a customer's answer to an estimate on their page, not of one a partner recorded", () => {
    const decided = (via: "customer_page" | "api"): WorkshopEventDto => ({
      id: "evt_3",
      seq: 3,
      created_at: "2026-11-26T10:00:00.000Z",
      booking_id: 7,
      type: "estimate.decided",
      data: {
        booking_id: 7,
        estimate_id: "est_1",
        message_id: 9,
        decisions: [
          { line_id: "estl_1", decision: "approved" },
          { line_id: "estl_2", decision: "declined" },
        ],
        decided_via: via,
        estimate: { id: "est_1", valid_until: "2026-12-03", expired: false, lines: [], total_nok: 2839.5, approved_total_nok: 2490 },
        by: { type: via === "api" ? "api_token" : "customer", id: null, name: "Ingrid Johansen" },
      },
    });
    expect(notificationFor(decided("customer_page"), kari, t, names)).toMatchObject({
      kind: "estimate",
      title: "Ingrid Johansen",
      body: t.estimateAnswered(1, 1),
    });
    expect(notificationFor(decided("customer_page"), { ...kari, watchingBookingId: 7 }, t, names)).toBeNull();
    expect(notificationFor(decided("api"), kari, t, names)).toBeNull();
  });

  it("tells of a thread a colleague assigned to them", () => {
    const assigned = (assigneeId: string | null, byId: string): WorkshopEventDto => ({
      id: "evt_2",
      seq: 2,
      created_at: "2026-11-26T10:00:00.000Z",
      booking_id: 7,
      type: "thread.assigned",
      data: {
        booking_id: 7,
        assignee: assigneeId ? { id: assigneeId, name: "Kari Nordmann" } : null,
        previous_assignee_id: null,
        by: { type: "staff", id: byId, name: "Per Hansen" },
      },
    });
    expect(notificationFor(assigned("usr_kari", "usr_per"), kari, t, names)).toMatchObject({
      kind: "assignment",
      title: t.assignedYou("Per Hansen"),
      body: "Ingrid Johansen",
    });
    expect(notificationFor(assigned("usr_kari", "usr_kari"), kari, t, names)).toBeNull();
    expect(notificationFor(assigned("usr_per", "usr_kari"), kari, t, names)).toBeNull();
    expect(notificationFor(assigned(null, "usr_per"), kari, t, names)).toBeNull();
  });
});
