import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Services } from "../../context";
import { sendError } from "../../http/error-reply";
import { CHANNEL_PATHS } from "../channel-services";
import { readOptOutLink } from "./opt-out-link";

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]!);

function page(reply: FastifyReply, status: number, title: string, body: string): FastifyReply {
  return reply
    .code(status)
    .type("text/html; charset=utf-8")
    .send(
      `<!doctype html><html lang="nb"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`,
    );
}

const NOT_VALID = "Lenken er ikke gyldig / The link is not valid";

/**
 * The opt-out link of the e-mails. Opening it changes nothing (mail scanners and link previews open
 * links): it shows a button that posts back. The POST stops e-mail from that workshop to that address,
 * and is also the one-click unsubscribe of RFC 8058 (List-Unsubscribe-Post) that mail programs send.
 */
export function registerOptOutRoutes(app: FastifyInstance, deps: { getServices(): Promise<Services> }): void {
  const target = async (request: FastifyRequest) => {
    const services = await deps.getServices();
    const query = new URLSearchParams(request.url.split("?")[1] ?? "");
    return { services, link: readOptOutLink(services.channels.key, query) };
  };

  app.get(CHANNEL_PATHS.emailOptOut, async (request, reply) => {
    try {
      const { services, link } = await target(request);
      if (!link) return page(reply, 404, NOT_VALID, "");
      const workshop = await services.db.workshop.findUnique({ where: { id: link.workshopId }, select: { name: true } });
      if (!workshop) return page(reply, 404, NOT_VALID, "");
      return page(
        reply,
        200,
        "Stopp e-post / Stop e-mail",
        `<p>Vil du ikke lenger få e-post fra ${escapeHtml(workshop.name)} om bestillingene dine? ` +
          `<span lang="en">No more e-mail from ${escapeHtml(workshop.name)} about your bookings?</span></p>` +
          `<form method="post"><button type="submit" name="List-Unsubscribe" value="One-Click">Stopp e-post / Stop e-mail</button></form>`,
      );
    } catch (error) {
      return sendError(reply, error);
    }
  });

  app.post(CHANNEL_PATHS.emailOptOut, async (request, reply) => {
    try {
      // The body (RFC 8058's "List-Unsubscribe=One-Click", or the button's) says nothing the signed
      // link does not: it is not read (the server drains it).
      const { services, link } = await target(request);
      if (!link || !(await services.db.workshop.findUnique({ where: { id: link.workshopId }, select: { id: true } }))) {
        return page(reply, 404, NOT_VALID, "");
      }
      await services.db.channelOptOut.upsert({
        where: { workshopId_channel_address: { workshopId: link.workshopId, channel: "EMAIL", address: link.address } },
        create: { workshopId: link.workshopId, channel: "EMAIL", address: link.address, source: "email_link" },
        update: {},
      });
      return page(
        reply,
        200,
        "E-post stoppet / E-mail stopped",
        '<p>Du får ikke flere e-poster om bestillingene dine herfra. <span lang="en">You will get no more e-mail about your bookings from here.</span></p>',
      );
    } catch (error) {
      return sendError(reply, error);
    }
  });
}
