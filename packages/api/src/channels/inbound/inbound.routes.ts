import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Services } from "../../context";
import { apiError } from "../../errors";
import { sendError } from "../../http/error-reply";
import { readProviderForm } from "./read-provider-form";
import { logger } from "../../logger";
import { SignatureError, type ChannelAdapter, type ProviderRequest } from "../channel-adapter";
import { CHANNEL_PATHS } from "../channel-services";
import { bookingOfReplyAddress } from "../email/reply-address";
import { inboundText } from "./inbound-text";
import { receiveCustomerMessage } from "./receive-customer-message";
import { receiveSms } from "./receive-sms";
import { recordDeliveryReport } from "./record-delivery-report";

/** An empty TwiML answer: Twilio should send nothing back to the customer. */
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/**
 * The providers' webhooks: Twilio's incoming SMS and delivery reports, Mailgun's inbound e-mail. Each
 * request is checked against the provider's signature before anything is read from it (403 otherwise);
 * a channel that is not configured answers 404. Not under /api/ws: providers are not API-token callers,
 * and their retries must not count against the partners' rate limits.
 */
export function registerInboundRoutes(app: FastifyInstance, deps: { getServices(): Promise<Services> }): void {
  const handle =
    (
      pick: (services: Services) => ChannelAdapter | null,
      work: (services: Services, adapter: ChannelAdapter, request: ProviderRequest) => Promise<string | null>,
    ) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      try {
        const services = await deps.getServices();
        const adapter = pick(services);
        if (!adapter) throw apiError("NOT_FOUND", "This channel is not configured");
        const fields = await readProviderForm(request.raw);
        const providerRequest = { url: services.publicBaseUrl.replace(/\/$/, "") + request.url, headers: request.headers, fields };
        const answer = await work(services, adapter, providerRequest);
        return answer === null ? reply.code(204).send() : reply.code(200).type("text/xml; charset=utf-8").send(answer);
      } catch (error) {
        if (error instanceof SignatureError) {
          logger.warn({ reqId: request.id, route: request.routeOptions.url }, "provider webhook with a bad signature refused");
          return sendError(reply, apiError("FORBIDDEN", "The request's signature does not match"));
        }
        return sendError(reply, error);
      }
    };

  app.post(
    CHANNEL_PATHS.twilioSms,
    handle(
      (services) => services.channels.sms,
      async (services, adapter, request) => {
        await receiveSms(services, adapter.parseInbound(request));
        return EMPTY_TWIML;
      },
    ),
  );
  app.post(
    CHANNEL_PATHS.twilioStatus,
    handle(
      (services) => services.channels.sms,
      async (services, adapter, request) => {
        const report = adapter.parseDeliveryCallback(request);
        if (report) await recordDeliveryReport(services, "SMS", report);
        return null;
      },
    ),
  );
  app.post(
    CHANNEL_PATHS.mailgunInbound,
    handle(
      (services) => (services.channels.inboundEmailDomain ? services.channels.email : null),
      async (services, adapter, request) => {
        const mail = adapter.parseInbound(request);
        const bookingId = bookingOfReplyAddress(services.channels.key, services.channels.inboundEmailDomain!, mail.to);
        // Not one of our reply addresses: accepted (200) so Mailgun does not retry, and dropped.
        if (bookingId !== null) await receiveCustomerMessage(services, { bookingId, body: inboundText(mail.text) });
        return null;
      },
    ),
  );
}
