// Message templates' variables and how they are filled in, without zod: the browser's composer renders
// a template with this module alone, and the server renders a send's template with the same function.

import type { BookingStatusValue } from "../values";

/** The variables a template may use, each filled in from the booking of the thread. */
export const TEMPLATE_VARIABLES = ["kunde", "fornavn", "regnr", "bil", "tjeneste", "tid", "referanse", "verksted"] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

/** What each variable stands for (Settings lists them; the API document describes them). */
export const TEMPLATE_VARIABLE_MEANINGS: Record<TemplateVariable, { nb: string; en: string }> = {
  kunde: { nb: "kundens navn", en: "the customer's name" },
  fornavn: { nb: "kundens fornavn", en: "the customer's first name" },
  regnr: { nb: "registreringsnummer", en: "registration number" },
  bil: { nb: "merke og modell", en: "make and model" },
  tjeneste: { nb: "tjenesten som er bestilt", en: "the service booked" },
  tid: { nb: "tidspunktet for timen", en: "the booking's time" },
  referanse: { nb: "bookingreferanse", en: "booking reference" },
  verksted: { nb: "verkstedets navn", en: "the workshop's name" },
};

export const TEMPLATE_LANGUAGES = ["nb", "en"] as const;
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];

/** A `{word}` in a template's text: letters, digits and `_` between braces. */
const VARIABLE = /\{([\p{L}\p{N}_]+)\}/gu;

function isTemplateVariable(name: string): name is TemplateVariable {
  return (TEMPLATE_VARIABLES as readonly string[]).includes(name);
}

/** The `{names}` in `text` that are not template variables, each once, in order of appearance. */
export function unknownTemplateVariables(text: string): string[] {
  const unknown = [...text.matchAll(VARIABLE)].map((match) => match[1]!).filter((name) => !isTemplateVariable(name));
  return [...new Set(unknown)];
}

/** The sentence that refuses a text with unknown variables (the same on the server and in Settings). */
export function unknownVariablesMessage(unknown: readonly string[]): string {
  const names = unknown.map((name) => `{${name}}`).join(", ");
  const known = TEMPLATE_VARIABLES.map((name) => `{${name}}`).join(", ");
  return `Unknown variable${unknown.length > 1 ? "s" : ""} ${names}: a template may use ${known}`;
}

/**
 * What a template is filled in from: the thread's booking, its customer and the workshop. Shaped like
 * the API's thread (`booking`, `customer`), so a thread from the inbox can be passed as it is. Anything
 * missing renders as empty text.
 */
export interface TemplateContext {
  booking?: {
    reference?: string | null;
    service?: string | null;
    /** ISO 8601 (or a Date). */
    scheduled_at?: string | Date | null;
    vehicle?: { registration_number?: string | null; make?: string | null; model?: string | null } | null;
  } | null;
  customer?: { name?: string | null } | null;
  workshop?: { name?: string | null } | null;
}

/** A template as the composer uses it. */
export interface RenderableTemplate {
  body_nb: string;
  body_en: string;
  booking_status?: BookingStatusValue | null;
}

/** `{tid}`: "fredag 27. november kl. 08:30" / "Friday 27 November at 08:30", in Oslo time. */
const OSLO_TIME_OPTIONS: Intl.DateTimeFormatOptions = {
  timeZone: "Europe/Oslo",
  weekday: "long",
  day: "numeric",
  month: "long",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
};
const OSLO_TIME: Record<TemplateLanguage, Intl.DateTimeFormat> = {
  nb: new Intl.DateTimeFormat("nb-NO", OSLO_TIME_OPTIONS),
  en: new Intl.DateTimeFormat("en-GB", OSLO_TIME_OPTIONS),
};

/**
 * A booking's time in Oslo, as a customer reads it: "fredag 27. november kl. 08:30", "Friday 27 November
 * at 08:30". Assembled from the parts, so it reads the same in every browser and on the server.
 */
export function formatBookingTime(value: string | Date | null | undefined, language: TemplateLanguage): string {
  if (value === null || value === undefined || value === "") return "";
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return "";
  const parts = Object.fromEntries(OSLO_TIME[language].formatToParts(date).map((part) => [part.type, part.value]));
  return language === "nb"
    ? `${parts.weekday} ${parts.day}. ${parts.month} kl. ${parts.hour}:${parts.minute}`
    : `${parts.weekday} ${parts.day} ${parts.month} at ${parts.hour}:${parts.minute}`;
}

/** Each variable's value for one booking; missing values are empty text. */
export function templateValues(context: TemplateContext, language: TemplateLanguage): Record<TemplateVariable, string> {
  const text = (value: string | null | undefined) => (value ?? "").trim();
  const name = text(context.customer?.name);
  const vehicle = context.booking?.vehicle;
  return {
    kunde: name,
    fornavn: name.split(/\s+/)[0] ?? "",
    regnr: text(vehicle?.registration_number),
    bil: [text(vehicle?.make), text(vehicle?.model)].filter(Boolean).join(" "),
    tjeneste: text(context.booking?.service),
    tid: formatBookingTime(context.booking?.scheduled_at, language),
    referanse: text(context.booking?.reference),
    verksted: text(context.workshop?.name),
  };
}

/** Fills the variables of `text` from the booking; an unknown `{word}` is left as it is. */
export function renderTemplateText(text: string, context: TemplateContext, language: TemplateLanguage): string {
  const values = templateValues(context, language);
  return text.replace(VARIABLE, (match, name: string) => (isTemplateVariable(name) ? values[name] : match)).trim();
}

/** A template's text in `language` (English falls back to bokmål when the template has none), filled in. */
export function renderTemplate(template: RenderableTemplate, context: TemplateContext, language: TemplateLanguage = "nb"): string {
  const text = language === "en" && template.body_en.trim() ? template.body_en : template.body_nb;
  return renderTemplateText(text, context, language);
}
