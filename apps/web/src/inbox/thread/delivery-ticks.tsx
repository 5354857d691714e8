"use client";

import { useMutation } from "@tanstack/react-query";
import type { MessageDeliveryDto } from "@minbil/contracts/dto";
import { useTRPC } from "~/trpc/react";
import { useCustomerChannelsText } from "~/i18n/customer-channels-text";

/**
 * How the workshop's message reached the customer, under the bubble: one tick sent, two delivered, two
 * light ones seen on the customer page, a clock while queued, "!" when a channel failed (with a button
 * to send again). The tooltip, and the text for screen readers, name each channel's status and reason.
 */
export function DeliveryTicks({ messageId, delivery }: { messageId: number; delivery: MessageDeliveryDto }) {
  const trpc = useTRPC();
  // The new status arrives as a message.delivery_updated event (live), like every other change.
  const retry = useMutation(trpc.channels.retryDelivery.mutationOptions());
  const words = useCustomerChannelsText();
  const parts = delivery.channels.map(
    (c) =>
      `${words.names[c.channel]}: ${words.statuses[c.status]}${c.error && c.status !== "sent" && c.status !== "delivered" ? ` (${c.error})` : ""}`,
  );
  if (delivery.seen) parts.push(words.seen);
  const summary = parts.length ? parts.join(" · ") : words.notNotified;
  const failed = delivery.channels.some((c) => c.status === "failed");
  const statuses = delivery.channels.map((c) => c.status);
  const mark = failed
    ? "!"
    : delivery.seen || statuses.every((s) => s === "delivered")
      ? "✓✓"
      : statuses.some((s) => s === "queued")
        ? "🕓"
        : statuses.length
          ? "✓"
          : "";
  if (!mark) return null;
  return (
    <span
      className="mt-0.5 flex items-center justify-end gap-2 text-xs"
      data-testid="delivery"
      data-status={failed ? "failed" : statuses.join(" ")}
    >
      <span title={words.label(summary)} className={failed ? "font-bold text-red-200" : delivery.seen ? "text-sky-200" : "text-blue-100"}>
        <span aria-hidden>{mark}</span>
        <span className="sr-only">{words.label(summary)}</span>
      </span>
      {failed && (
        <button
          type="button"
          disabled={retry.isPending}
          onClick={() => retry.mutate({ message_id: messageId })}
          className="min-h-8 rounded border border-blue-200 px-1.5 text-blue-50 hover:bg-blue-600"
        >
          {words.retry}
        </button>
      )}
    </span>
  );
}
