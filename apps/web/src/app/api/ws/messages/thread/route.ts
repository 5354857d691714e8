import { methodNotAllowed } from "@minbil/api/rest/messages.routes";
import { restRoutes } from "~/server/rest-routes";

export const dynamic = "force-dynamic";

/** Get thread messages: ?id=<booking_id>. */
export const GET = (request: Request) => restRoutes.getThread(request);

const notAllowed = () => methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
