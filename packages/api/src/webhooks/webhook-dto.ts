import {
  webhookDeliveryDto,
  webhookEndpointDto,
  type WebhookDeliveryDto,
  type WebhookEndpointDto,
} from "@minbil/contracts/webhooks/webhook.schema";

type EndpointRow = {
  id: string;
  url: string;
  description: string;
  eventTypes: string[];
  enabled: boolean;
  disabledReason: string | null;
  failingSince: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

export function toEndpointDto(row: EndpointRow): WebhookEndpointDto {
  return webhookEndpointDto.parse({
    id: row.id,
    url: row.url,
    description: row.description,
    event_types: row.eventTypes.length ? row.eventTypes : null,
    enabled: row.enabled,
    disabled_reason: row.disabledReason,
    failing_since: row.failingSince?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  });
}

type DeliveryRow = {
  id: string;
  endpointId: string;
  eventSeq: number | null;
  eventType: string;
  payload: unknown;
  status: "PENDING" | "SUCCEEDED" | "FAILED";
  attemptCount: number;
  nextAttemptAt: Date | null;
  createdAt: Date;
  attempts: { attemptedAt: Date; statusCode: number | null; durationMs: number; error: string | null; responseBody: string | null }[];
};

export const deliveryInclude = { attempts: { orderBy: { attemptedAt: "desc" as const }, take: 20 } };

export function toDeliveryDto(row: DeliveryRow): WebhookDeliveryDto {
  return webhookDeliveryDto.parse({
    id: row.id,
    endpoint_id: row.endpointId,
    event_id: (row.payload as { id?: string }).id ?? row.id,
    event_type: row.eventType,
    event_seq: row.eventSeq,
    status: row.status.toLowerCase(),
    attempt_count: row.attemptCount,
    next_attempt_at: row.status === "PENDING" ? (row.nextAttemptAt?.toISOString() ?? null) : null,
    created_at: row.createdAt.toISOString(),
    attempts: row.attempts.map((attempt) => ({
      attempted_at: attempt.attemptedAt.toISOString(),
      status_code: attempt.statusCode,
      duration_ms: attempt.durationMs,
      error: attempt.error,
      response_body: attempt.responseBody,
    })),
  });
}
