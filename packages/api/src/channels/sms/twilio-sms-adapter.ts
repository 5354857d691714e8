import {
  SignatureError,
  type ChannelAdapter,
  type DeliveryReport,
  type InboundMessage,
  type OutgoingNotification,
  type ProviderRequest,
  type SendOutcome,
} from "../channel-adapter";
import { toE164 } from "./phone-number";
import { isValidTwilioSignature } from "./twilio-signature";

// Why Twilio: of the SMS gateways that reach Norwegian numbers, it is the one whose webhooks (incoming
// SMS and delivery reports) are signed (X-Twilio-Signature), so the app can refuse forged ones; Norwegian
// gateways such as Sveve call back unsigned. Its Messages API is a documented, stable form POST, so no
// SDK is needed to send.

export interface TwilioSettings {
  accountSid: string;
  authToken: string;
  /** The sender: a phone number (+47…) or a Messaging Service SID (MG…). */
  from: string;
  /** https://api.twilio.com, or another Twilio API host (tests point it at their fake). */
  apiUrl: string;
  /** Where Twilio reports delivery: the app's public status-callback URL. */
  statusCallbackUrl: string;
}

/** How long one send may take before it counts as failed (and is tried again). */
const SEND_TIMEOUT_MS = 15_000;

/** Twilio's delivery error codes that staff meet most, in words (https://www.twilio.com/docs/api/errors). */
const ERROR_CODES: Record<string, string> = {
  "30003": "the phone is switched off or unreachable",
  "30004": "the number blocks messages",
  "30005": "the number does not exist",
  "30006": "a landline or a number that cannot receive SMS",
  "30007": "the carrier filtered the message",
  "30008": "unknown error at the carrier",
  "21610": "the customer has unsubscribed at Twilio (STOP)",
};

export function createTwilioSmsAdapter(settings: TwilioSettings): ChannelAdapter {
  const messagesUrl = `${settings.apiUrl.replace(/\/$/, "")}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString("base64")}`;

  function verify(request: ProviderRequest): void {
    const header = request.headers["x-twilio-signature"];
    if (!isValidTwilioSignature(settings.authToken, request.url, request.fields, Array.isArray(header) ? header[0] : header)) {
      throw new SignatureError("X-Twilio-Signature does not match");
    }
  }

  return {
    channel: "sms",
    async send(notification: OutgoingNotification): Promise<SendOutcome> {
      const form = new URLSearchParams({ To: notification.to, Body: notification.text, StatusCallback: settings.statusCallbackUrl });
      form.set(settings.from.startsWith("MG") ? "MessagingServiceSid" : "From", settings.from);
      let response: Response;
      try {
        response = await fetch(messagesUrl, {
          method: "POST",
          headers: { Authorization: authorization, "Content-Type": "application/x-www-form-urlencoded" },
          body: form,
          signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
        });
      } catch (error) {
        return { ok: false, error: `Twilio not reachable: ${(error as Error).message}`, permanent: false };
      }
      const answer = (await response.json().catch(() => null)) as { sid?: string; code?: number; message?: string } | null;
      if (response.ok && answer?.sid) return { ok: true, providerId: answer.sid };
      const reason = answer?.message
        ? `Twilio ${answer.code ?? response.status}: ${answer.message}`
        : `Twilio answered HTTP ${response.status}`;
      // A refused request (bad number, blocked recipient) fails the same way every time; rate limits,
      // credentials being fixed and Twilio's own faults may pass.
      const permanent = response.status >= 400 && response.status < 500 && ![401, 403, 408, 429].includes(response.status);
      return { ok: false, error: reason, permanent };
    },
    parseInbound(request: ProviderRequest): InboundMessage {
      verify(request);
      const from = toE164(request.fields.From);
      if (!from) throw new SignatureError("An incoming SMS without a sender number");
      return { from, to: request.fields.To ?? "", text: request.fields.Body ?? "" };
    },
    parseDeliveryCallback(request: ProviderRequest): DeliveryReport | null {
      verify(request);
      const providerId = request.fields.MessageSid ?? request.fields.SmsSid;
      const status = request.fields.MessageStatus ?? request.fields.SmsStatus;
      if (!providerId || !status) return null;
      if (status === "delivered" || status === "read") return { providerId, status: "delivered", error: null };
      if (status === "sent") return { providerId, status: "sent", error: null };
      if (status === "undelivered" || status === "failed" || status === "canceled") {
        const code = request.fields.ErrorCode;
        const words = code ? ERROR_CODES[code] : undefined;
        const error = code ? `Twilio ${code}${words ? `: ${words}` : ""}` : `Twilio: ${status}`;
        return { providerId, status: "failed", error };
      }
      // queued, sending, accepted …: nothing the workshop needs to see.
      return null;
    },
  };
}
