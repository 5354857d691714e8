import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@minbil/api/root";
import { createContext } from "@minbil/api/context";
import { logger } from "@minbil/api/logger";
import { ATTACHMENT_LIMITS } from "@minbil/contracts/limits";
import { errorResponse } from "@minbil/api/rest/error-response";
import { getServices } from "~/server/services";
import { getStaffSession } from "~/server/auth/staff-session";

export const dynamic = "force-dynamic";

async function handler(request: Request) {
  // tRPC reads FormData uploads whole: refuse oversized ones before that, as the REST routes do.
  if (Number(request.headers.get("content-length") ?? 0) > ATTACHMENT_LIMITS.maxRequestBytes + 1024 * 1024) {
    return errorResponse("PAYLOAD_TOO_LARGE", "The upload is larger than 25 MB");
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: async () =>
      createContext({
        services: await getServices(),
        headers: request.headers,
        session: request.headers.has("authorization") ? null : await getStaffSession(),
      }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") logger.error({ err: error, path }, "tRPC procedure failed");
    },
  });
}

export { handler as GET, handler as POST };
