/**
 * A price as staff type it in Norway: "2490", "2 490", "349,50" or "349.50" (NOK). Null when it is not
 * an amount with at most two decimals.
 */
export function parsePrice(text: string): number | null {
  const cleaned = text
    .replace(/[\s\u00a0\u202f]/g, "")
    .replace(/(kr|nok)$/i, "")
    .replace(",", ".");
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  return Number(cleaned);
}
