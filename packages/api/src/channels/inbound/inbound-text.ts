import { MESSAGE_BODY_MAX_CHARS } from "@minbil/contracts/limits";

/**
 * A provider's text as a message body: what a text column can store (no NUL, well-formed), at most the
 * body limit. The customer wrote it elsewhere, so it is cleaned, not refused.
 */
export function inboundText(text: string): string {
  // eslint-disable-next-line no-control-regex -- NUL cannot be stored
  return text.replace(/\u0000/g, "").toWellFormed().trim().slice(0, MESSAGE_BODY_MAX_CHARS);
}

/** "STOPP" (or STOP), alone, is the customer's opt-out from SMS. */
export function isStopWord(text: string): boolean {
  return /^\s*stopp?\s*[.!]?\s*$/i.test(text);
}
