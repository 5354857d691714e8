import type { OutgoingNotification } from "../channel-adapter";

export interface NotificationFacts {
  workshopName: string;
  registration: string;
  body: string;
  /** The customer page, where the whole conversation is and the customer can answer. */
  link: string;
  /** E-mail only: the thread's reply address, when replies by e-mail are set up. */
  replyTo: string | null;
  /** E-mail only: the signed opt-out link. */
  unsubscribeUrl: string | null;
}

/** At most this much of the message goes into the SMS (one or two segments with the rest); the link has it all. */
const SMS_EXCERPT = 140;

/**
 * What the customer receives. In bokmål: the customers are the workshops' Norwegian customers (the
 * customer page offers English). The SMS is short (segments cost) and ends with how to stop them, as
 * Norwegian marketing rules expect of any automated SMS.
 */
export function smsNotification(to: string, facts: NotificationFacts): OutgoingNotification {
  const body = facts.body.replace(/\s+/g, " ").trim();
  const excerpt = body.length > SMS_EXCERPT ? `${body.slice(0, SMS_EXCERPT - 1).trimEnd()}…` : body;
  return {
    to,
    text: `${facts.workshopName} (${facts.registration}): ${excerpt}\nLes og svar: ${facts.link}\nSvar STOPP for å ikke få flere SMS.`,
  };
}

export function emailNotification(to: string, facts: NotificationFacts): OutgoingNotification {
  const lines = [
    `Ny melding fra ${facts.workshopName} om ${facts.registration}:`,
    "",
    facts.body,
    "",
    `Se hele samtalen og svar her: ${facts.link}`,
    ...(facts.replyTo ? ["Du kan også svare direkte på denne e-posten."] : []),
    ...(facts.unsubscribeUrl ? ["", `Vil du ikke lenger få e-post om bestillingen? ${facts.unsubscribeUrl}`] : []),
  ];
  return {
    to,
    senderName: facts.workshopName,
    subject: `Ny melding fra ${facts.workshopName} (${facts.registration})`,
    text: lines.join("\n"),
    ...(facts.replyTo ? { replyTo: facts.replyTo } : {}),
    ...(facts.unsubscribeUrl ? { unsubscribeUrl: facts.unsubscribeUrl } : {}),
  };
}
