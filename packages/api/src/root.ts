import { createCallerFactory, createTRPCRouter } from "./trpc";
import { messagesRouter } from "./messages/messages.router";

export const appRouter = createTRPCRouter({
  messages: messagesRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process: the REST adapters and server components go through this. */
export const createCaller = createCallerFactory(appRouter);
