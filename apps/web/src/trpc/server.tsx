import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { appRouter } from "@minbil/api/root";
import { createContext } from "@minbil/api/context";
import { metaFromHeaders } from "@minbil/api/auth/request-meta";
import { getServices } from "~/server/services";
import { getStaffSession } from "~/server/auth/staff-session";
import { makeQueryClient } from "./query-client";

// Server components prefetch through the same procedures and context as the browser.
export const getQueryClient = cache(makeQueryClient);

export const trpc = createTRPCOptionsProxy({
  router: appRouter,
  queryClient: getQueryClient,
  ctx: async () =>
    createContext({ services: await getServices(), request: metaFromHeaders("GET", await headers()), session: await getStaffSession() }),
});

export function HydrateClient({ children }: { children: React.ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}
