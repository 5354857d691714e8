import { z } from "zod";
import { retryDeliveryInput, retryDeliveryResultDto } from "@minbil/contracts/channels/channels.schema";
import { defineOperation } from "./operation";

// Customer notifications (SMS, e-mail) of workshop messages: route in ../channels.routes.ts.

export const retryDeliveryOperation = defineOperation({
  id: "retryDelivery",
  method: "POST",
  path: "/api/ws/messages/{message_id}/deliveries/retry",
  tag: "Messages",
  summary: "Send a message's failed notifications again",
  description: [
    "A workshop message to the customer is also sent by SMS and/or e-mail (per the workshop's settings and the customer's",
    "contact data and opt-outs); its `delivery` shows each channel's status. Failed sends are retried on a schedule and then",
    "marked `failed` with the provider's reason. This queues every failed channel (or one waiting for a retry) of the message",
    "now, with a fresh schedule; each change is a `message.delivery_updated` event. 409 when nothing failed.",
  ].join(" "),
  auth: "bearer",
  request: { path: retryDeliveryInput },
  responses: {
    200: {
      description: "The message's delivery, queued again",
      content: { "application/json": { schema: z.object({ success: z.literal(true), data: retryDeliveryResultDto }) } },
    },
  },
  errors: ["NOT_FOUND", "CONFLICT", "VALIDATION_FAILED"],
});
