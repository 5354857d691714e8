/** Lower-case, single spaces: how both the stored search text and a query are compared. */
export function normaliseSearch(text: string): string {
  return text.toLowerCase().replace(/\s+/g, " ").trim();
}

/**
 * What inbox search matches for a thread: customer name, booking reference and the registration
 * number with and without spaces ("EV 12345" and "ev12345" both find it).
 */
export function threadSearchText(parts: { customerName: string; reference: string; registration: string }): string {
  const registration = normaliseSearch(parts.registration);
  return [normaliseSearch(parts.customerName), normaliseSearch(parts.reference), registration, registration.replace(/ /g, "")].join(" | ");
}

/** Makes `%`, `_` and `\\` match themselves in a LIKE pattern (Prisma's `contains` does not escape them). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
