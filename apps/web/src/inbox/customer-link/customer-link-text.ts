"use client";

import { useI18n } from "~/i18n/i18n-provider";

// The customer link's texts, beside the thread only (not in the inbox's first load).

const nb = {
  title: "Kundesiden",
  help: "Kunden leser samtalen, svarer og godkjenner overslag her, uten innlogging.",
  copy: "Kopier lenke",
  copied: "Lenken er kopiert",
  reissue: "Lag ny lenke",
  revoke: "Avslutt lenken",
  revoked: "Lenken virker ikke lenger",
  confirmReissue: "Den gamle lenken slutter å virke. Lage ny lenke?",
};

const en: typeof nb = {
  title: "Customer page",
  help: "The customer reads the conversation, replies and approves estimates here, without signing in.",
  copy: "Copy link",
  copied: "Link copied",
  reissue: "New link",
  revoke: "End the link",
  revoked: "The link no longer works",
  confirmReissue: "The old link stops working. Make a new link?",
};

const CUSTOMER_LINK_TEXT = { nb, en } as const;

export function useCustomerLinkText() {
  return CUSTOMER_LINK_TEXT[useI18n().locale];
}
