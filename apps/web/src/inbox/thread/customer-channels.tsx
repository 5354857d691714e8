"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "~/trpc/react";
import { useI18n } from "~/i18n/i18n-provider";
import { useCustomerChannelsText } from "~/i18n/customer-channels-text";

/**
 * How this customer is notified of the workshop's replies, per channel, and why not when not: the
 * server has no provider, the workshop turned it off, no number or address, or the customer opted out.
 */
export function CustomerChannels({ bookingId }: { bookingId: number }) {
  const { format } = useI18n();
  const words = useCustomerChannelsText();
  const trpc = useTRPC();
  const channels = useQuery(trpc.channels.thread.queryOptions({ booking_id: bookingId })).data;
  if (!channels) return null;
  return (
    <>
      <h3 className="mt-5 mb-2 text-xs font-semibold tracking-wide text-slate-600 uppercase">{words.heading}</h3>
      <ul className="space-y-1 text-sm" data-testid="customer-channels">
        {channels.channels.map((channel) => (
          <li key={channel.channel} data-channel={channel.channel} data-status={channel.status}>
            <span className="font-medium">{words.names[channel.channel]}</span>:{" "}
            <span
              className={channel.status === "on" ? "text-green-800" : channel.status === "opted_out" ? "text-red-800" : "text-slate-600"}
            >
              {words.threadStatuses[channel.status]}
              {channel.opted_out_at && ` (${format.date(channel.opted_out_at)})`}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
