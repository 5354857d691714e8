import { mac, macMatches } from "../signed-token";

/**
 * The thread's reply address, `reply+<booking id>-<mac>@<INBOUND_EMAIL_DOMAIN>`: the customer's e-mail
 * reply lands in the thread it names; the MAC means nobody can write into a thread by guessing a number.
 */
export function replyAddress(key: Buffer, domain: string, bookingId: number): string {
  return `reply+${bookingId}-${mac(key, "reply", String(bookingId))}@${domain}`;
}

/** The booking of a reply address (any of a list, as in a To header), or null when none is ours. */
export function bookingOfReplyAddress(key: Buffer, domain: string, recipients: string): number | null {
  const pattern = /reply\+(\d{1,10})-([0-9a-f]{20})@([^\s,>]+)/gi;
  for (const match of recipients.matchAll(pattern)) {
    const [, id, given, host] = match;
    if (host!.toLowerCase() !== domain.toLowerCase()) continue;
    if (macMatches(key, "reply", id!, given!)) return Number(id);
  }
  return null;
}
