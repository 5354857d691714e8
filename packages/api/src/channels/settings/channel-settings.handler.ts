import type { PrismaClient } from "@minbil/db/client";
import { channelSettingsDto, type ChannelSettingsDto, type UpdateChannelSettingsInput } from "@minbil/contracts/channels/channels.schema";
import { apiError } from "../../errors";
import type { ChannelServices } from "../channel-services";

export interface ChannelSettingsDeps {
  db: PrismaClient;
  channels: ChannelServices;
  workshopId: string;
}

export async function getChannelSettings(deps: ChannelSettingsDeps): Promise<ChannelSettingsDto> {
  const row = await deps.db.workshopChannelSettings.findUnique({ where: { workshopId: deps.workshopId } });
  return channelSettingsDto.parse({
    sms: { enabled: row?.smsEnabled ?? false, configured: deps.channels.sms !== null },
    email: { enabled: row?.emailEnabled ?? false, configured: deps.channels.email !== null },
    email_replies: deps.channels.email !== null && deps.channels.inboundEmailDomain !== null,
  });
}

/** Owners turn the workshop's channels on and off; a channel the server has no provider for cannot be turned on. */
export async function updateChannelSettings(deps: ChannelSettingsDeps, input: UpdateChannelSettingsInput): Promise<ChannelSettingsDto> {
  if (input.sms && !deps.channels.sms)
    throw apiError("CONFLICT", "SMS is not set up on this server (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM)");
  if (input.email && !deps.channels.email) throw apiError("CONFLICT", "E-mail is not set up on this server (SMTP_URL, EMAIL_FROM)");
  const data = {
    ...(input.sms !== undefined ? { smsEnabled: input.sms } : {}),
    ...(input.email !== undefined ? { emailEnabled: input.email } : {}),
  };
  await deps.db.workshopChannelSettings.upsert({
    where: { workshopId: deps.workshopId },
    create: { workshopId: deps.workshopId, ...data },
    update: data,
  });
  return getChannelSettings(deps);
}
