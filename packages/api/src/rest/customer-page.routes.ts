import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { customerSeenInput } from "@minbil/contracts/customer/customer-view.schema";
import { estimateDecisionsInput } from "@minbil/contracts/estimates/estimate.schema";
import { restSendMessageBody } from "@minbil/contracts/rest/send-message-body.schema";
import type { Context } from "../context";
import { isSameOriginRequest } from "../auth/csrf";
import { apiError } from "../errors";
import type { Route, EndpointDeps } from "../http/endpoint";
import { registerRoutes } from "../http/endpoint";
import { readRequestFields } from "../http/request-body";
import type { ResolvedLink } from "../customer-links/resolve-customer-link";
import { openCustomerLink } from "../customer-links/open-customer-link";
import { customerMessageFromDto, getCustomerView } from "../customer-page/get-customer-view.handler";
import { markSeenByCustomer } from "../customer-page/mark-seen.handler";
import { sendCustomerMessage } from "../customer-page/send-customer-message.handler";
import { decideEstimate } from "../estimates/decide-estimate.handler";
import { openAttachment } from "../attachments/open-attachment.handler";
import type { CustomerPageAction } from "../rate-limits/customer-page-limits";
import { param, queryOf } from "./rest-params";
import { sendAttachment } from "./attachment-reply";
import {
  customerAttachmentOperation,
  customerDecideOperation,
  customerSeenOperation,
  customerSendOperation,
  customerViewOperation,
} from "./operations/customer-page.operations";
import type { RestOperation } from "./operations/operation";

/** The one answer for a wrong, expired and revoked link: nobody learns whether a booking exists. */
export const LINK_NOT_AVAILABLE = "This link does not work: it may have expired or been replaced. Ask the workshop for a new one.";

type LinkHandler = (ctx: Context, link: ResolvedLink, request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/**
 * A route of the customer's page: the link's token (in the path) is the credential. Every request is
 * counted per address and per link before anything else; a state-changing one must come from our page
 * (the CSRF header); then the link must open a booking.
 */
function linkRoute(operation: RestOperation, action: CustomerPageAction, handler: LinkHandler): Route {
  return {
    operation,
    handler: (deps) => async (request, reply) => {
      const ctx = await deps.contextFor(request);
      const { token } = request.params as { token: string };
      const { link, waitSeconds: wait } = await openCustomerLink(ctx, { token, address: request.ip, action });
      if (wait !== null) throw apiError("RATE_LIMITED", `Too many requests: try again in ${wait} seconds`, undefined, wait);
      if (operation.method !== "GET" && !isSameOriginRequest(ctx.request)) {
        throw apiError("FORBIDDEN", "Cross-site request refused: use the customer page itself");
      }
      if (!link) throw apiError("NOT_FOUND", LINK_NOT_AVAILABLE);
      return handler(ctx, link, request, reply);
    },
  };
}

export function registerCustomerPageRoutes(app: FastifyInstance, deps: EndpointDeps): void {
  registerRoutes(app, deps, [
    linkRoute(customerViewOperation, "view", async (ctx, link, request, reply) => {
      const before = param(queryOf(request), "before");
      const beforeSeq = before === undefined ? undefined : Number(before);
      if (beforeSeq !== undefined && !(Number.isInteger(beforeSeq) && beforeSeq >= 1 && beforeSeq <= 2_147_483_647)) {
        throw apiError("VALIDATION_FAILED", "before must be a message's position (a whole number from 1)", [
          { field: "before", message: "must be a whole number from 1" },
        ]);
      }
      return reply.send({ data: await getCustomerView(ctx, link, { beforeSeq }) });
    }),
    linkRoute(customerSendOperation, "send", async (ctx, link, request, reply) => {
      const { fields, cleanup } = await readRequestFields(request.raw);
      try {
        const idempotencyKey = request.headers["idempotency-key"];
        const input = restSendMessageBody.parse({
          ...fields,
          booking_id: link.bookingId,
          sender_type: "customer",
          ...(idempotencyKey !== undefined ? { idempotency_key: idempotencyKey } : {}),
        });
        const sent = await sendCustomerMessage(ctx, link, input);
        return reply.code(sent.replayed ? 200 : 201).send({ data: customerMessageFromDto(sent.message) });
      } finally {
        await cleanup();
      }
    }),
    linkRoute(customerSeenOperation, "view", async (ctx, link, request, reply) => {
      const { fields, cleanup } = await readRequestFields(request.raw);
      await cleanup();
      await markSeenByCustomer(ctx, link, customerSeenInput.parse(fields));
      return reply.code(204).send();
    }),
    linkRoute(customerDecideOperation, "send", async (ctx, link, request, reply) => {
      const { fields, cleanup } = await readRequestFields(request.raw);
      await cleanup();
      const { estimate_id } = request.params as { estimate_id: string };
      const input = estimateDecisionsInput.parse({ ...fields, estimate_id });
      const data = await decideEstimate(
        {
          db: ctx.db,
          events: ctx.events,
          workshopId: link.workshopId,
          actor: { kind: "customer", linkId: link.linkId, name: link.customerName },
          via: "customer_page",
        },
        { ...input, booking_id: link.bookingId },
      );
      return reply.send({ data });
    }),
    linkRoute(customerAttachmentOperation, "view", async (ctx, link, request, reply) => {
      const { attachment_id } = request.params as { attachment_id: string };
      const file = await openAttachment({ db: ctx.db, storage: ctx.storage, workshopId: link.workshopId }, attachment_id, {
        bookingId: link.bookingId,
      });
      return sendAttachment(reply, file);
    }),
  ]);
}
