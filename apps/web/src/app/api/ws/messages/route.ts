import { methodNotAllowed } from "@minbil/api/rest/messages.routes";
import { restRoutes } from "~/server/rest-routes";

export const dynamic = "force-dynamic";

/** List inbox threads. */
export const GET = (request: Request) => restRoutes.listThreads(request);
/** Send a message (booking_id in the body). */
export const POST = (request: Request) => restRoutes.sendMessage(request);

const notAllowed = () => methodNotAllowed(["GET", "POST"]);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
