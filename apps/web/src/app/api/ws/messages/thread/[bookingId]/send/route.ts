import { methodNotAllowed } from "@minbil/api/rest/messages.routes";
import { restRoutes } from "~/server/rest-routes";

export const dynamic = "force-dynamic";

/** Send a message to the thread in the path. */
export async function POST(request: Request, { params }: { params: Promise<{ bookingId: string }> }) {
  return restRoutes.sendMessageToThread(request, (await params).bookingId);
}

const notAllowed = () => methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
