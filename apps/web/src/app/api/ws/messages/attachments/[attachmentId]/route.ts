import { methodNotAllowed } from "@minbil/api/rest/messages.routes";
import { restRoutes } from "~/server/rest-routes";

export const dynamic = "force-dynamic";

/** Download an attachment (its own workshop only). */
export async function GET(request: Request, { params }: { params: Promise<{ attachmentId: string }> }) {
  return restRoutes.downloadAttachment(request, (await params).attachmentId);
}

const notAllowed = () => methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
