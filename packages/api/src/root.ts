import { createCallerFactory, createTRPCRouter } from "./trpc";
import { messagesRouter } from "./messages/messages.router";
import { authRouter } from "./auth/auth.router";
import { adminRouter } from "./admin/admin.router";
import { eventsRouter } from "./events/events.router";
import { webhooksRouter } from "./webhooks/webhooks.router";
import { staffRouter } from "./staff/staff.router";
import { bookingsRouter } from "./bookings/bookings.router";
import { templatesRouter } from "./templates/templates.router";
import { customerLinksRouter } from "./customer-links/customer-links.router";
import { estimatesRouter } from "./estimates/estimates.router";
import { channelsRouter } from "./channels/channels.router";

export const appRouter = createTRPCRouter({
  messages: messagesRouter,
  auth: authRouter,
  admin: adminRouter,
  events: eventsRouter,
  webhooks: webhooksRouter,
  staff: staffRouter,
  bookings: bookingsRouter,
  templates: templatesRouter,
  customerLinks: customerLinksRouter,
  estimates: estimatesRouter,
  channels: channelsRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process: the REST adapters and server components go through this. */
export const createCaller = createCallerFactory(appRouter);
