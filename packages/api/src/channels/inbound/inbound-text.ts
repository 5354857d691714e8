import { MESSAGE_BODY_MAX_CHARS } from "@minbil/contracts/limits";

// eslint-disable-next-line no-control-regex -- NUL is exactly what a text column cannot store
const NUL = /\u0000/g;

/**
 * A provider's text as a message body: what a text column can store (no NUL, well-formed), at most the
 * body limit. The customer wrote it elsewhere, so it is cleaned, not refused.
 */
export function inboundText(text: string): string {
  return text.replace(NUL, "").toWellFormed().trim().slice(0, MESSAGE_BODY_MAX_CHARS);
}

/** "STOPP" (or STOP), alone, is the customer's opt-out from SMS. */
export function isStopWord(text: string): boolean {
  return /^\s*stopp?\s*[.!]?\s*$/i.test(text);
}
