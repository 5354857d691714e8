import type { DeliveryChannel } from "@minbil/contracts/dto";
import { parseRetrySchedule } from "../webhooks/retry-schedule";
import type { ChannelAdapter } from "./channel-adapter";
import { createSmtpEmailAdapter } from "./email/smtp-email-adapter";
import { createTwilioSmsAdapter } from "./sms/twilio-sms-adapter";
import { deriveChannelKey } from "./signed-token";

/** The customer channels of this process: an adapter per configured channel (null: that channel is off). */
export interface ChannelServices {
  sms: ChannelAdapter | null;
  email: ChannelAdapter | null;
  /** Delays in milliseconds after each failed send (CHANNEL_RETRY_SCHEDULE). */
  retrySchedule: number[];
  /** Signs reply addresses and opt-out links. */
  key: Buffer;
  /** The reply addresses' domain (INBOUND_EMAIL_DOMAIN); null: e-mails carry no reply address. */
  inboundEmailDomain: string | null;
}

export interface ChannelEnv {
  SMTP_URL?: string;
  EMAIL_FROM?: string;
  INBOUND_EMAIL_DOMAIN?: string;
  MAILGUN_WEBHOOK_SIGNING_KEY?: string;
  TWILIO_ACCOUNT_SID?: string;
  TWILIO_AUTH_TOKEN?: string;
  TWILIO_FROM?: string;
  TWILIO_API_URL: string;
  CHANNEL_RETRY_SCHEDULE: string;
}

/** Paths of the providers' webhooks (channels/inbound/inbound.routes.ts): configure these at the provider. */
export const CHANNEL_PATHS = {
  twilioSms: "/api/channels/twilio/sms",
  twilioStatus: "/api/channels/twilio/status",
  mailgunInbound: "/api/channels/mailgun/inbound",
  emailOptOut: "/api/channels/email/opt-out",
} as const;

/**
 * The channels from the environment. A channel is on when all its settings are given and off when none
 * are; some but not all is a mistake, and stops the start naming what is missing.
 */
export function channelServicesFrom(env: ChannelEnv, options: { keyMaterial: string; publicBaseUrl: string }): ChannelServices {
  const twilio = requireAllOrNone({
    TWILIO_ACCOUNT_SID: env.TWILIO_ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: env.TWILIO_AUTH_TOKEN,
    TWILIO_FROM: env.TWILIO_FROM,
  });
  const smtp = requireAllOrNone({ SMTP_URL: env.SMTP_URL, EMAIL_FROM: env.EMAIL_FROM });
  const base = options.publicBaseUrl.replace(/\/$/, "");
  return {
    sms: twilio
      ? createTwilioSmsAdapter({
          accountSid: twilio.TWILIO_ACCOUNT_SID,
          authToken: twilio.TWILIO_AUTH_TOKEN,
          from: twilio.TWILIO_FROM,
          apiUrl: env.TWILIO_API_URL,
          statusCallbackUrl: base + CHANNEL_PATHS.twilioStatus,
        })
      : null,
    email: smtp
      ? createSmtpEmailAdapter({
          smtpUrl: smtp.SMTP_URL,
          fromAddress: smtp.EMAIL_FROM,
          mailgunSigningKey: env.MAILGUN_WEBHOOK_SIGNING_KEY ?? null,
        })
      : null,
    retrySchedule: parseRetrySchedule(env.CHANNEL_RETRY_SCHEDULE),
    key: deriveChannelKey(options.keyMaterial),
    inboundEmailDomain: env.INBOUND_EMAIL_DOMAIN ?? null,
  };
}

export function adapterFor(channels: ChannelServices, channel: DeliveryChannel): ChannelAdapter | null {
  return channel === "sms" ? channels.sms : channels.email;
}

function requireAllOrNone<T extends Record<string, string | undefined>>(settings: T): { [K in keyof T]: string } | null {
  const missing = Object.keys(settings).filter((name) => !settings[name]);
  if (missing.length === Object.keys(settings).length) return null;
  if (missing.length) {
    throw new Error(`Not starting: ${missing.join(", ")} missing (the channel needs ${Object.keys(settings).join(", ")})`);
  }
  return settings as { [K in keyof T]: string };
}
