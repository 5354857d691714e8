import { z } from "zod";
import { customerLinkDto } from "@minbil/contracts/customer/customer-link.schema";
import { estimateDto, estimateDecisionsInput } from "@minbil/contracts/estimates/estimate.schema";
import { getThreadInput } from "@minbil/contracts/messages/get-thread.schema";
import { defineOperation } from "./operation";

// The customer's side of a thread, for partners: the customer link of a booking, and decisions on
// estimates the customer gave elsewhere. Routes in ../customer-links.routes.ts.

const TAG = "Customer";
const bookingPath = getThreadInput.pick({ booking_id: true });

export const issueCustomerLinkOperation = defineOperation({
  id: "issueCustomerLink",
  method: "POST",
  path: "/api/ws/messages/thread/{booking_id}/customer-link",
  tag: TAG,
  summary: "Issue a new customer link",
  description: [
    "A new link to the customer's page of the booking (`/c/<token>`: the workshop, the booking, the conversation without internal",
    "notes, a reply box and the estimates to decide; no account needed). The booking's previous link stops working at once.",
    "It works until 30 days after the booking is completed or cancelled (`expires_at`, null while it is neither). No body.",
  ].join(" "),
  auth: "bearer",
  request: { path: bookingPath },
  responses: {
    201: { description: "The new link", content: { "application/json": { schema: z.object({ data: customerLinkDto }) } } },
  },
  errors: ["NOT_FOUND"],
});

export const revokeCustomerLinkOperation = defineOperation({
  id: "revokeCustomerLink",
  method: "DELETE",
  path: "/api/ws/messages/thread/{booking_id}/customer-link",
  tag: TAG,
  summary: "End the customer link",
  description: "The booking's customer link stops working (the page then looks like any wrong link). A new one can be issued later.",
  auth: "bearer",
  request: { path: bookingPath },
  responses: { 204: { description: "Ended (also when there was none)" } },
  errors: ["NOT_FOUND"],
});

export const decideEstimateOperation = defineOperation({
  id: "decideEstimate",
  method: "POST",
  path: "/api/ws/messages/thread/{booking_id}/estimates/{estimate_id}/decision",
  tag: TAG,
  summary: "Record the customer's decision on an estimate",
  description: [
    "For a decision the customer gave another way (by phone, at the counter, in your app). Lines not named stay open.",
    "A decision is final: a line decided before answers 409, as does an estimate past its `valid_until`. Written as the event `estimate.decided`.",
  ].join(" "),
  auth: "bearer",
  request: {
    path: bookingPath.extend({ estimate_id: estimateDecisionsInput.shape.estimate_id }),
    body: {
      required: true,
      content: {
        "application/json": {
          schema: estimateDecisionsInput.omit({ estimate_id: true }),
          examples: {
            both: {
              summary: "Approve one line, decline another",
              value: {
                decisions: [
                  { line_id: "estl_3f1c0e5a9b7d2c4e6f8a0b1c", decision: "approved" },
                  { line_id: "estl_9a8b7c6d5e4f3a2b1c0d9e8f", decision: "declined" },
                ],
              },
            },
          },
        },
      },
    },
  },
  responses: {
    200: {
      description: "The estimate with every decision so far and the approved total",
      content: { "application/json": { schema: z.object({ data: estimateDto }) } },
    },
  },
  errors: ["BAD_REQUEST", "NOT_FOUND", "CONFLICT", "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE", "VALIDATION_FAILED"],
});
