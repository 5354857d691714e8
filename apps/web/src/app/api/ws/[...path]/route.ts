import { errorResponse } from "@minbil/api/rest/error-response";

export const dynamic = "force-dynamic";

/** Anything else under /api/ws: a JSON 404 in the contract's error shape, not an HTML page. */
function notFound(request: Request) {
  return errorResponse("NOT_FOUND", `No endpoint ${request.method} ${new URL(request.url).pathname}`);
}
export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
