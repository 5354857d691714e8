import type { StaffRefDto } from "@minbil/contracts/dto";

const fold = (text: string) =>
  text
    .normalize("NFC")
    .toLocaleLowerCase("nb")
    .replace(/[\s.'-]/g, "");

/** The `@word` the caret is in (after a space or at the start), as `{ start, query }`, or null. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(?:^|[\s(])@([\p{L}\p{M}\p{N}.'-]*)$/u.exec(before);
  if (!match) return null;
  return { start: caret - match[1]!.length - 1, query: match[1]! };
}

/**
 * Staff whose first name or whole name starts with what was typed, and the handle each is written with:
 * the first name, or the whole name without spaces when two share a first name (the server reads both).
 */
export function mentionCandidates(staff: StaffRefDto[], query: string): { member: StaffRefDto; handle: string }[] {
  const firstName = (name: string) => name.split(/\s+/)[0] ?? name;
  const firstNames = staff.map((member) => fold(firstName(member.name)));
  const typed = fold(query);
  return staff
    .filter((member) => fold(firstName(member.name)).startsWith(typed) || fold(member.name).startsWith(typed))
    .map((member) => {
      const shared = firstNames.filter((name) => name === fold(firstName(member.name))).length > 1;
      return { member, handle: shared ? member.name.replace(/\s+/g, "") : firstName(member.name) };
    });
}
