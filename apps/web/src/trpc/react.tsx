"use client";

import { useState } from "react";
import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import {
  TRPCClientError,
  createTRPCClient,
  httpBatchLink,
  httpLink,
  httpSubscriptionLink,
  isNonJsonSerializable,
  splitLink,
} from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import type { AppRouter } from "@minbil/api/root";
import { makeQueryClient } from "./query-client";
import { fetchWithUploadProgress } from "./upload-progress";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** Proves a request comes from our own pages (see packages/api/src/auth/csrf.ts). */
const CSRF_HEADERS = { "x-minbil-csrf": "1" };

let browserQueryClient: QueryClient | undefined;
function getQueryClient() {
  if (typeof window === "undefined") return makeQueryClient();
  return (browserQueryClient ??= makeQueryClient(redirectWhenSignedOut));
}

/** An expired or ended session: back to sign-in, which says why. */
export function redirectWhenSignedOut(error: unknown) {
  if (error instanceof TRPCClientError && (error.data as { code?: string } | undefined)?.code === "UNAUTHORIZED") {
    // A full page load on purpose: it drops every cached query of the ended session.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign(`/login?error=SessionRequired&callbackUrl=${encodeURIComponent(window.location.pathname)}`);
  }
}

export function TRPCReactProvider({ children }: { children: React.ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        splitLink({
          // Live updates over server-sent events; EventSource reconnects and resumes by last event id.
          condition: (op) => op.type === "subscription",
          true: httpSubscriptionLink({ url: "/api/trpc" }),
          false: splitLink({
            // Files go as FormData, one request each, with upload progress.
            condition: (op) => isNonJsonSerializable(op.input),
            true: httpLink({ url: "/api/trpc", fetch: fetchWithUploadProgress, headers: CSRF_HEADERS }),
            false: httpBatchLink({ url: "/api/trpc", headers: CSRF_HEADERS, maxItems: 10 }),
          }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
