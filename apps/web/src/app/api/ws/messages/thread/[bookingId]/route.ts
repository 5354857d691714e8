import { methodNotAllowed } from "@minbil/api/rest/messages.routes";
import { restRoutes } from "~/server/rest-routes";

export const dynamic = "force-dynamic";

/** Get thread messages by path. */
export async function GET(request: Request, { params }: { params: Promise<{ bookingId: string }> }) {
  return restRoutes.getThread(request, (await params).bookingId);
}

const notAllowed = () => methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
