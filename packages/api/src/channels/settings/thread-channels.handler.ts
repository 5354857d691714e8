import type { PrismaClient } from "@minbil/db/client";
import { threadChannelsDto, type ThreadChannelDto, type ThreadChannelsDto } from "@minbil/contracts/channels/channels.schema";
import { bookingNotFound } from "../../errors";
import type { ChannelServices } from "../channel-services";
import { normaliseEmail } from "../outbox/queue-deliveries";
import { toE164 } from "../sms/phone-number";

/** How the thread's customer is reached on each channel, and why not: what the booking panel shows staff. */
export async function getThreadChannels(
  deps: { db: PrismaClient; channels: ChannelServices; workshopId: string },
  input: { booking_id: number },
): Promise<ThreadChannelsDto> {
  const booking = await deps.db.booking.findFirst({
    where: { id: input.booking_id, workshopId: deps.workshopId },
    select: {
      customer: { select: { phone: true, email: true } },
      workshop: { select: { channelSettings: { select: { smsEnabled: true, emailEnabled: true } } } },
    },
  });
  if (!booking) throw bookingNotFound(input.booking_id);
  const phone = toE164(booking.customer.phone);
  const email = normaliseEmail(booking.customer.email);
  const addresses = [
    ...(phone ? [{ channel: "SMS" as const, address: phone }] : []),
    ...(email ? [{ channel: "EMAIL" as const, address: email }] : []),
  ];
  const optOuts = addresses.length
    ? await deps.db.channelOptOut.findMany({
        where: { workshopId: deps.workshopId, OR: addresses },
        select: { channel: true, createdAt: true },
      })
    : [];
  const settings = booking.workshop.channelSettings;
  const status = (channel: "SMS" | "EMAIL"): ThreadChannelDto => {
    const optOut = optOuts.find((row) => row.channel === channel);
    const configured = channel === "SMS" ? deps.channels.sms : deps.channels.email;
    const enabled = channel === "SMS" ? settings?.smsEnabled : settings?.emailEnabled;
    const address = channel === "SMS" ? phone : email;
    return {
      channel: channel === "SMS" ? "sms" : "email",
      status: optOut ? "opted_out" : !configured ? "not_configured" : !enabled ? "off" : !address ? "no_address" : "on",
      opted_out_at: optOut?.createdAt.toISOString() ?? null,
    };
  };
  return threadChannelsDto.parse({ channels: [status("SMS"), status("EMAIL")] });
}
