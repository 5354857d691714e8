"use client";

import type { WebhookDeliveryDto } from "@minbil/contracts/webhooks/webhook.schema";
import { useI18n } from "~/i18n/i18n-provider";

const COLORS: Record<WebhookDeliveryDto["status"], string> = {
  pending: "bg-amber-100 text-amber-900",
  succeeded: "bg-green-100 text-green-900",
  failed: "bg-red-100 text-red-800",
};

export function DeliveryStatusBadge({ status }: { status: WebhookDeliveryDto["status"] }) {
  const { t } = useI18n();
  return (
    <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${COLORS[status]}`} data-testid="delivery-status">
      {t.deliveryStatuses[status]}
    </span>
  );
}
