/**
 * A stored customer phone number as E.164 (what the SMS provider takes and sends back), or null when it
 * cannot be texted. Numbers without a country code are Norwegian (8 digits), as the workshops enter them.
 */
export function toE164(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const compact = phone.replace(/[\s().-]/g, "");
  const international = compact.startsWith("00") ? `+${compact.slice(2)}` : compact;
  if (/^\+[1-9]\d{7,14}$/.test(international)) return international;
  if (/^[2-9]\d{7}$/.test(international)) return `+47${international}`;
  return null;
}
