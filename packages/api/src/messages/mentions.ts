import type { PrismaClient } from "@minbil/db/client";

/** `@Per`, `@kari`, `@PerHansen`: a word after @, in any script. */
const MENTION = /(?<![\p{L}\p{N}_])@([\p{L}\p{M}][\p{L}\p{M}\p{N}.'-]*)/gu;

const fold = (text: string) =>
  text
    .normalize("NFC")
    .toLocaleLowerCase("nb")
    .replace(/[\s.'-]/g, "");

/**
 * The active staff of the workshop that a note names with @: by first name (`@Per`) or whole name
 * without spaces (`@PerHansen`), case-insensitively. Several people with one first name are all named.
 */
export async function findMentions(db: PrismaClient, workshopId: string, body: string): Promise<string[]> {
  const words = [...body.matchAll(MENTION)].map((match) => fold(match[1]!));
  if (!words.length) return [];
  const staff = await db.user.findMany({ where: { workshopId, disabledAt: null }, select: { id: true, name: true } });
  const named = staff.filter((member) => {
    const first = fold(member.name.split(/\s+/)[0] ?? "");
    const whole = fold(member.name);
    return words.some((word) => word === first || word === whole);
  });
  return named.map((member) => member.id);
}
