import type { WorkshopEventDto } from "@minbil/contracts/events/event.schema";
import type { Messages } from "~/i18n/messages";

export type NotificationKind = "customer_message" | "mention" | "assignment" | "estimate";

export interface InboxNotification {
  kind: NotificationKind;
  bookingId: number;
  title: string;
  body: string;
  /** The event's id: a notification is shown once, also when the stream replays an event after a reconnect. */
  eventId: string;
}

export interface Viewer {
  /** The signed-in staff member. */
  userId: string;
  name: string;
  /** The thread on screen, while the page is in front of the person (its messages need no notification). */
  watchingBookingId: number | null;
}

const excerpt = (text: string) => (text.length > 140 ? `${text.slice(0, 139)}…` : text);

/**
 * Which events are worth interrupting someone for: a customer's new message (unless they are looking at
 * that thread), being @-named in a colleague's note, and a colleague assigning them a thread. What they
 * did themselves never notifies them.
 */
export function notificationFor(
  event: WorkshopEventDto,
  viewer: Viewer,
  t: Messages,
  customerName: (bookingId: number) => string | undefined,
): InboxNotification | null {
  const bookingId = event.data.booking_id;
  const base = { bookingId, eventId: event.id };
  if (event.type === "message.created") {
    const message = event.data.message;
    if (message.visibility === "internal" && message.mentioned_user_ids.includes(viewer.userId)) {
      // Their own note naming themself is no news to them (a message names its writer by name).
      if (message.sender === viewer.name) return null;
      return {
        ...base,
        kind: "mention",
        title: t.mentionedYou(message.sender, customerName(bookingId) ?? ""),
        body: excerpt(message.body),
      };
    }
    if (message.sender_type === "customer" && bookingId !== viewer.watchingBookingId) {
      return {
        ...base,
        kind: "customer_message",
        title: message.sender,
        body: excerpt(message.body || t.attachments(message.attachments.length)),
      };
    }
    return null;
  }
  if (event.type === "estimate.decided") {
    if (event.data.decided_via !== "customer_page" || bookingId === viewer.watchingBookingId) return null;
    const approved = event.data.decisions.filter((item) => item.decision === "approved").length;
    return {
      ...base,
      kind: "estimate",
      title: customerName(bookingId) ?? "",
      body: t.estimateAnswered(approved, event.data.decisions.length - approved),
    };
  }
  if (event.type === "thread.assigned") {
    const { assignee, by } = event.data;
    if (!assignee || assignee.id !== viewer.userId || by.id === viewer.userId) return null;
    return { ...base, kind: "assignment", title: t.assignedYou(by.name), body: customerName(bookingId) ?? "" };
  }
  return null;
}
