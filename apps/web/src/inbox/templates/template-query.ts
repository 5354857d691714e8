// Which templates a `/` at the start of the composer's text asks for. Pure, for the hook and its test.

/** The text after a leading `/`, while the text is one line that starts with it; null otherwise. */
export function slashQuery(text: string): string | null {
  if (!text.startsWith("/") || text.includes("\n")) return null;
  return text.slice(1);
}

/** Templates whose name matches `query` (case-insensitive): names starting with it first, then names containing it. */
export function matchTemplates<T extends { name: string }>(templates: readonly T[], query: string): T[] {
  const wanted = query.trim().toLocaleLowerCase("nb");
  if (!wanted) return [...templates];
  const starts: T[] = [];
  const contains: T[] = [];
  for (const template of templates) {
    const name = template.name.toLocaleLowerCase("nb");
    if (name.startsWith(wanted)) starts.push(template);
    else if (name.includes(wanted)) contains.push(template);
  }
  return [...starts, ...contains];
}
