"use client";

import { useI18n } from "~/i18n/i18n-provider";

// The estimate form's and summary's texts: kept out of the inbox's main dictionary, so the list's first
// load (which never shows an estimate) does not carry them.

const nb = {
  button: "Overslag",
  title: "Nytt kostnadsoverslag",
  line: "Linje",
  description: "Beskrivelse",
  price: "Pris (kr inkl. mva.)",
  photo: "Bilde",
  addLine: "Legg til linje",
  removeLine: "Fjern linjen",
  note: "Melding til kunden",
  validUntil: "Gjelder til og med",
  send: "Send overslaget",
  cancel: "Avbryt",
  estimate: "Kostnadsoverslag",
  validTo: (date: string) => `Gjelder til og med ${date}`,
  expired: (date: string) => `Utløp ${date}`,
  approved: "Godkjent",
  declined: "Avslått",
  undecided: "Ikke besvart",
  total: "Sum",
  approvedTotal: "Godkjent sum",
  decidedVia: { customer_page: "av kunden", api: "registrert via API" },
  invalidPrice: "Skriv prisen som et tall, f.eks. 2490 eller 349,50.",
  needsLine: "Fyll inn beskrivelse og pris på hver linje.",
};

const en: typeof nb = {
  button: "Estimate",
  title: "New estimate",
  line: "Line",
  description: "Description",
  price: "Price (NOK incl. VAT)",
  photo: "Photo",
  addLine: "Add line",
  removeLine: "Remove line",
  note: "Message to the customer",
  validUntil: "Valid until",
  send: "Send estimate",
  cancel: "Cancel",
  estimate: "Estimate",
  validTo: (date: string) => `Valid until ${date}`,
  expired: (date: string) => `Expired ${date}`,
  approved: "Approved",
  declined: "Declined",
  undecided: "Not answered",
  total: "Total",
  approvedTotal: "Approved total",
  decidedVia: { customer_page: "by the customer", api: "recorded through the API" },
  invalidPrice: "Write the price as a number, e.g. 2490 or 349.50.",
  needsLine: "Fill in a description and a price on every line.",
};

const ESTIMATE_TEXT = { nb, en } as const;

export function useEstimateText() {
  return ESTIMATE_TEXT[useI18n().locale];
}
