import { inject } from "vitest";

/** The REST API as a partner system calls it: the e2e workshop's Bearer token, JSON bodies. */
export function api(pathname: string, init: RequestInit = {}) {
  return fetch(`${inject("baseUrl")}${pathname}`, {
    ...init,
    headers: { Authorization: `Bearer ${inject("token")}`, "Content-Type": "application/json", ...init.headers },
  });
}

/** The workshop's threads, newest activity first (the inbox's own order). */
export async function threadIds(): Promise<number[]> {
  const body = (await (await api("/api/ws/messages?limit=50")).json()) as { data: { booking_id: number }[] };
  return body.data.map((thread) => thread.booking_id);
}

/** A customer writes in a thread, as a booking platform would send it. */
export async function customerWrites(bookingId: number, body: string) {
  const res = await api("/api/ws/messages", {
    method: "POST",
    body: JSON.stringify({ booking_id: bookingId, body, sender_type: "customer" }),
  });
  if (res.status !== 201) throw new Error(`POST /api/ws/messages answered ${res.status}: ${await res.text()}`);
}
