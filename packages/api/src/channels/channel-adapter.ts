import type { DeliveryChannel } from "@minbil/contracts/dto";

/** One notification to a customer: a phone number (E.164) or an e-mail address, and what to say. */
export interface OutgoingNotification {
  to: string;
  text: string;
  /** E-mail only. */
  subject?: string;
  /** E-mail only: the From name (the workshop's). */
  senderName?: string;
  /** E-mail only: where the customer's reply goes (the thread's reply address). */
  replyTo?: string;
  /** E-mail only: the signed opt-out link (List-Unsubscribe, RFC 8058 one-click). */
  unsubscribeUrl?: string;
}

export type SendOutcome =
  | { ok: true; providerId: string }
  /** `permanent`: trying again cannot help (a number the provider refuses, a mailbox that does not exist). */
  | { ok: false; error: string; permanent: boolean };

/** A provider's webhook request, as the inbound routes hand it over: the URL it was sent to, its headers and form fields. */
export interface ProviderRequest {
  /** The public URL the provider called (what it signed). */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  fields: Record<string, string>;
}

export interface InboundMessage {
  /** The sender's phone number (E.164) or e-mail address. */
  from: string;
  /** The recipient as the provider names it (for e-mail: the thread's reply address). */
  to: string;
  text: string;
}

export interface DeliveryReport {
  providerId: string;
  status: "sent" | "delivered" | "failed";
  error: string | null;
}

/** The request is not from the provider (missing, wrong or stale signature): answered with 403. */
export class SignatureError extends Error {}

/**
 * A way to reach customers. Sending goes through the outbox worker; inbound messages and delivery
 * callbacks arrive at the provider's webhook routes (channels/inbound), which parse them here after
 * checking the provider's signature.
 */
export interface ChannelAdapter {
  channel: DeliveryChannel;
  send(notification: OutgoingNotification): Promise<SendOutcome>;
  /** A message from the customer; throws SignatureError when the request is not the provider's. */
  parseInbound(request: ProviderRequest): InboundMessage;
  /** A delivery report; null when the channel's provider sends none. Throws SignatureError like parseInbound. */
  parseDeliveryCallback(request: ProviderRequest): DeliveryReport | null;
}
