import { z } from "zod";
import { deliveryChannelSchema, messageDeliveryDto } from "../dto";
import { bookingIdSchema, positiveIdSchema } from "../messages/ids.schema";

// Customer channels (SMS, e-mail): the workshop's switches, a thread's channel status, and staff's
// retry of a failed notification.

/** Whether a channel can be used on this server (its provider is configured) and the workshop has it on. */
export const channelSettingDto = z.object({
  enabled: z.boolean(),
  /** The server has the provider's credentials; without them the channel cannot be turned on. */
  configured: z.boolean(),
});

export const channelSettingsDto = z
  .object({ sms: channelSettingDto, email: channelSettingDto, email_replies: z.boolean() })
  .meta({ id: "ChannelSettings" });
export type ChannelSettingsDto = z.infer<typeof channelSettingsDto>;

/** Owners turn channels on and off; a field left out is unchanged. */
export const updateChannelSettingsInput = z.object({ sms: z.boolean().optional(), email: z.boolean().optional() });
export type UpdateChannelSettingsInput = z.infer<typeof updateChannelSettingsInput>;

/**
 * How a thread's customer is reached on one channel: `on`; `not_configured` (no provider on this
 * server); `off` (the workshop has it off); `no_address` (no usable phone / e-mail); `opted_out`
 * (the customer said STOPP, or used the e-mail's link).
 */
export const threadChannelDto = z.object({
  channel: deliveryChannelSchema,
  status: z.enum(["on", "not_configured", "off", "no_address", "opted_out"]),
  opted_out_at: z.iso.datetime().nullable(),
});
export type ThreadChannelDto = z.infer<typeof threadChannelDto>;

export const threadChannelsInput = z.object({ booking_id: bookingIdSchema });
export const threadChannelsDto = z.object({ channels: z.array(threadChannelDto) });
export type ThreadChannelsDto = z.infer<typeof threadChannelsDto>;

/** Staff send a message's failed notifications again (each channel that failed, or waits to be retried). */
export const retryDeliveryInput = z.object({
  message_id: positiveIdSchema("message_id").meta({ description: "The message's id" }),
});
export type RetryDeliveryInput = z.infer<typeof retryDeliveryInput>;

export const retryDeliveryResultDto = z
  .object({ message_id: z.number().int(), booking_id: z.number().int(), delivery: messageDeliveryDto })
  .meta({ id: "RetryDeliveryResult" });
export type RetryDeliveryResultDto = z.infer<typeof retryDeliveryResultDto>;
