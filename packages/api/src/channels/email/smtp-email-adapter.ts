import nodemailer from "nodemailer";
import {
  SignatureError,
  type ChannelAdapter,
  type InboundMessage,
  type OutgoingNotification,
  type ProviderRequest,
  type SendOutcome,
} from "../channel-adapter";
import { isValidMailgunSignature } from "./mailgun-signature";

export interface EmailSettings {
  /** smtp://user:password@host:587 or smtps://…:465 (nodemailer's connection URL). */
  smtpUrl: string;
  /** The From address; the display name is the workshop's. */
  fromAddress: string;
  /** Mailgun's webhook signing key, for inbound replies (null: e-mail replies are not taken). */
  mailgunSigningKey: string | null;
}

/**
 * E-mail out over SMTP (any provider's relay), replies in through Mailgun's inbound routes (a route
 * that forwards `match_recipient("reply\+.*@<domain>")` to the app; other providers' inbound webhooks
 * differ, Mailgun's is signed and documented).
 */
export function createSmtpEmailAdapter(settings: EmailSettings): ChannelAdapter {
  // One transport per process (add ?pool=true to SMTP_URL to keep connections open between sends).
  const transport = nodemailer.createTransport(settings.smtpUrl);
  return {
    channel: "email",
    async send(notification: OutgoingNotification): Promise<SendOutcome> {
      try {
        const info = await transport.sendMail({
          from: { name: notification.senderName ?? "MinBil", address: settings.fromAddress },
          to: notification.to,
          subject: notification.subject ?? "",
          text: notification.text,
          ...(notification.replyTo ? { replyTo: notification.replyTo } : {}),
          ...(notification.unsubscribeUrl ? { list: { unsubscribe: { url: notification.unsubscribeUrl, comment: "Unsubscribe" } } } : {}),
          headers: notification.unsubscribeUrl ? { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } : {},
        });
        return { ok: true, providerId: info.messageId };
      } catch (error) {
        const { responseCode, response, message } = error as { responseCode?: number; response?: string; message: string };
        // SMTP 5xx is a permanent refusal (no such mailbox, rejected); 4xx and lost connections may pass.
        return {
          ok: false,
          error: `SMTP: ${response ?? message}`.slice(0, 500),
          permanent: responseCode !== undefined && responseCode >= 500,
        };
      }
    },
    parseInbound(request: ProviderRequest): InboundMessage {
      if (!settings.mailgunSigningKey || !isValidMailgunSignature(settings.mailgunSigningKey, request.fields)) {
        throw new SignatureError("Mailgun signature does not match");
      }
      const { fields } = request;
      // stripped-text: the reply without the quoted earlier mail and signature (Mailgun's own parsing).
      const text = (fields["stripped-text"] || fields["body-plain"] || "").trim();
      return { from: (fields.sender ?? fields.from ?? "").trim().toLowerCase(), to: fields.recipient ?? "", text };
    },
    // SMTP has no delivery reports: an accepted message stays "sent".
    parseDeliveryCallback: () => null,
  };
}
