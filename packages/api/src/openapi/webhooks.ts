import { z } from "zod";
import { createSchema, type CreateDocumentOptions, type oas31 } from "zod-openapi";
import { workshopEventDto, type EventType } from "@minbil/contracts/events/event.schema";

// The `webhooks` section: one delivery per event type, its payload taken from the event schemas in
// packages/contracts/src/events (a new type there is documented here without further work).

const isoDateTime = z.iso.datetime();

/** `message.created` → `MessageCreated`. */
function pascal(type: string): string {
  return type
    .split(/[._-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}

/** The body of a webhook delivery (Standard Webhooks): the event, its type and when it was sent. */
export function webhookPayloadSchema(type: EventType) {
  const event = workshopEventDto.options.find((option) => option.shape.type.value === type);
  if (!event) throw new Error(`No event schema for ${type}`);
  return z
    .object({
      type: event.shape.type,
      timestamp: isoDateTime.meta({ description: "When this delivery was sent" }),
      data: event.meta({ id: `${pascal(type)}Event` }),
    })
    .meta({ id: `${pascal(type)}Webhook` });
}

const WEBHOOK_HEADERS: oas31.ParameterObject[] = [
  {
    name: "webhook-id",
    in: "header",
    required: true,
    description: "The delivery's id: the same on every retry of it, so a receiver can drop duplicates",
    schema: { type: "string" },
    example: "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W",
  },
  {
    name: "webhook-timestamp",
    in: "header",
    required: true,
    description: "When it was sent, in seconds since the Unix epoch; refuse deliveries far from your clock",
    schema: { type: "string", pattern: "^\\d+$" },
    example: "1764062400",
  },
  {
    name: "webhook-signature",
    in: "header",
    required: true,
    description:
      "Space-separated `v1,<base64 HMAC-SHA256>` signatures of `<webhook-id>.<webhook-timestamp>.<body>` with the endpoint's secret (Standard Webhooks)",
    schema: { type: "string" },
    example: "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=",
  },
];

/**
 * The webhook deliveries, rendered as what we send (output), with the schema components they use:
 * the payloads share Message, ThreadReadState … with the answers of the REST operations.
 */
export function buildWebhooks(opts: CreateDocumentOptions): {
  webhooks: Record<string, oas31.PathItemObject>;
  schemas: Record<string, oas31.SchemaObject>;
} {
  const webhooks: Record<string, oas31.PathItemObject> = {};
  const schemas: Record<string, oas31.SchemaObject> = {};
  for (const option of workshopEventDto.options) {
    const type = option.shape.type.value;
    const { schema, components } = createSchema(webhookPayloadSchema(type), { io: "output", opts, openapiVersion: "3.1.0" });
    Object.assign(schemas, components);
    webhooks[type] = {
      post: {
        operationId: `webhook${pascal(type)}`,
        tags: ["Webhooks"],
        summary: type,
        description: `Sent to each webhook endpoint subscribed to \`${type}\` when it happens. The body's \`data\` is the event as the event log holds it. Verify \`webhook-signature\` before trusting the body; answer 2xx to acknowledge.`,
        security: [],
        parameters: WEBHOOK_HEADERS,
        requestBody: { required: true, content: { "application/json": { schema } } },
        responses: { "2XX": { description: "Received" } },
      },
    };
  }
  return { webhooks, schemas };
}
