import { retryDeliveryInput, threadChannelsInput, updateChannelSettingsInput } from "@minbil/contracts/channels/channels.schema";
import { ownerProcedure, workshopProcedure } from "../trpc";
import { getChannelSettings, updateChannelSettings } from "./settings/channel-settings.handler";
import { getThreadChannels } from "./settings/thread-channels.handler";
import { retryDelivery } from "./outbox/retry-delivery.handler";

/**
 * Customer channels: owners turn SMS and e-mail on and off (Settings); everyone sees how a thread's
 * customer is reached; staff and API tokens send a failed notification again (REST:
 * POST /api/ws/messages/{message_id}/deliveries/retry).
 */
export const channelsRouter = {
  settings: ownerProcedure.query(({ ctx }) => getChannelSettings({ db: ctx.db, channels: ctx.channels, workshopId: ctx.auth.workshopId })),
  updateSettings: ownerProcedure
    .input(updateChannelSettingsInput)
    .mutation(({ ctx, input }) => updateChannelSettings({ db: ctx.db, channels: ctx.channels, workshopId: ctx.auth.workshopId }, input)),
  thread: workshopProcedure
    .input(threadChannelsInput)
    .query(({ ctx, input }) => getThreadChannels({ db: ctx.db, channels: ctx.channels, workshopId: ctx.auth.workshopId }, input)),
  retryDelivery: workshopProcedure
    .input(retryDeliveryInput)
    .mutation(({ ctx, input }) => retryDelivery({ db: ctx.db, events: ctx.events, workshopId: ctx.auth.workshopId }, input)),
};
