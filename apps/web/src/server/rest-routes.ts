import "server-only";
import { createMessagesRestRoutes } from "@minbil/api/rest/messages.routes";
import { getServices } from "./services";
import { getStaffSession } from "./auth/staff-session";

/** The REST adapters of /api/ws/messages, wired to this server's services and sessions. */
export const restRoutes = createMessagesRestRoutes({ getServices, getSession: () => getStaffSession() });
