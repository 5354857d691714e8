/** Lower-case, single spaces: how the stored search texts (threads and message bodies) and a query are compared. */
export function normaliseSearch(text: string): string {
  return text.toLowerCase().replace(/\s+/g, " ").trim();
}

export interface ThreadSearchParts {
  customerName: string;
  reference: string;
  registration: string;
  phone?: string | null;
  email?: string | null;
  make?: string | null;
  model?: string | null;
}

/**
 * What inbox search matches for a thread besides its message bodies: customer name, booking reference,
 * the registration number with and without spaces ("EV 12345" and "ev12345" both find it), the
 * customer's phone (with and without spaces) and e-mail, the vehicle's make and model. The migration
 * 20261126061247_search_trigram computes the same text in SQL for the threads that existed before.
 * Written when the booking is created (bookings/create-booking.ts), the one place these fields are written.
 */
export function threadSearchText(parts: ThreadSearchParts): string {
  const withoutSpaces = (text: string) => text.replace(/ /g, "");
  const registration = normaliseSearch(parts.registration);
  const phone = normaliseSearch(parts.phone ?? "");
  return [
    normaliseSearch(parts.customerName),
    normaliseSearch(parts.reference),
    registration,
    withoutSpaces(registration),
    phone,
    withoutSpaces(phone),
    normaliseSearch(parts.email ?? ""),
    normaliseSearch(parts.make ?? ""),
    normaliseSearch(parts.model ?? ""),
  ]
    .filter(Boolean)
    .join(" | ");
}

/** The words of a query: lower-cased, split on white space, duplicates and words inside longer ones dropped. */
export function searchWords(q: string): string[] {
  const words = [...new Set(normaliseSearch(q).split(" ").filter(Boolean))];
  return words.filter((word) => !words.some((other) => other !== word && other.includes(word)));
}

/** Makes `%`, `_` and `\\` match themselves in a LIKE pattern (Prisma's `contains` does not escape them). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/**
 * A short window of a message's text around the first place one of `words` occurs (white space
 * collapsed), with "…" where it was cut. `hit` is where the word is within the excerpt, so the
 * interface can emphasise it.
 */
export function searchExcerpt(
  body: string,
  words: string[],
  size = { before: 40, after: 100 },
): { excerpt: string; hit: { start: number; length: number } | null } {
  const text = body.replace(/\s+/g, " ").trim();
  // toLowerCase() keeps the length for Norwegian and most other text; where it does not, no position is given.
  const lower = text.toLowerCase();
  let at = -1;
  let length = 0;
  if (lower.length === text.length) {
    for (const word of words) {
      const index = lower.indexOf(word);
      if (index >= 0 && (at < 0 || index < at)) [at, length] = [index, word.length];
    }
  }
  if (at < 0) {
    const cut = text.length > size.before + size.after;
    return { excerpt: cut ? `${text.slice(0, size.before + size.after).trimEnd()}…` : text, hit: null };
  }
  // Start and end at word boundaries where there is one near.
  let start = Math.max(0, at - size.before);
  if (start > 0) {
    const space = text.indexOf(" ", start);
    if (space >= 0 && space < at) start = space + 1;
  }
  let end = Math.min(text.length, at + length + size.after);
  if (end < text.length) {
    const space = text.lastIndexOf(" ", end);
    if (space > at + length) end = space;
  }
  const prefix = start > 0 ? "…" : "";
  const suffix = end < text.length ? "…" : "";
  return { excerpt: `${prefix}${text.slice(start, end)}${suffix}`, hit: { start: prefix.length + at - start, length } };
}
