"use client";

import { useI18n } from "./i18n-provider";

// How the customer is notified (SMS, e-mail, seen): shown beside a thread and in Settings, never in the
// inbox list, so these texts stay out of the list's first load.

const nb = {
  names: { sms: "SMS", email: "E-post" },
  statuses: { queued: "i kø", sent: "sendt", delivered: "levert", failed: "feilet" },
  seen: "Sett av kunden på kundesiden",
  notNotified: "Kunden ble ikke varslet på SMS eller e-post",
  retry: "Send varselet igjen",
  label: (summary: string) => `Varsling: ${summary}`,
  heading: "Varsling av kunden",
  threadStatuses: {
    on: "på",
    not_configured: "ikke satt opp på serveren",
    off: "slått av (Innstillinger)",
    no_address: "mangler nummer eller adresse",
    opted_out: "kunden har reservert seg",
  },
  settingsTitle: "Varsling av kunder",
  settingsHint:
    "Når verkstedet svarer kunden (ikke interne notater), får kunden en SMS og/eller e-post med lenke til samtalen. Kunden kan svare på SMS-en eller e-posten, og stoppe varslene med STOPP eller lenken i e-posten.",
  notConfigured: "Ikke satt opp på serveren",
  emailReplies: "Svar på e-post kommer inn i samtalen.",
  noEmailReplies: "Svar på e-post er ikke satt opp (INBOUND_EMAIL_DOMAIN).",
};

const en: typeof nb = {
  names: { sms: "SMS", email: "E-mail" },
  statuses: { queued: "queued", sent: "sent", delivered: "delivered", failed: "failed" },
  seen: "Seen by the customer on the customer page",
  notNotified: "The customer was not notified by SMS or e-mail",
  retry: "Send the notification again",
  label: (summary: string) => `Notification: ${summary}`,
  heading: "Notifying the customer",
  threadStatuses: {
    on: "on",
    not_configured: "not set up on the server",
    off: "turned off (Settings)",
    no_address: "no number or address",
    opted_out: "the customer has opted out",
  },
  settingsTitle: "Notifying customers",
  settingsHint:
    "When the workshop replies to the customer (not internal notes), the customer gets an SMS and/or e-mail with a link to the conversation. They can reply to the SMS or e-mail, and stop notifications with STOPP or the link in the e-mail.",
  notConfigured: "Not set up on the server",
  emailReplies: "Replies by e-mail arrive in the conversation.",
  noEmailReplies: "Replies by e-mail are not set up (INBOUND_EMAIL_DOMAIN).",
};

const CUSTOMER_CHANNELS_TEXT = { nb, en } as const;

export function useCustomerChannelsText() {
  return CUSTOMER_CHANNELS_TEXT[useI18n().locale];
}
