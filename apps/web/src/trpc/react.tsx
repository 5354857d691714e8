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
  retryLink,
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

/**
 * A stream that failed without an answer from our procedures (the network, or an HTTP error before the
 * stream began). An error the server decided (UNAUTHORIZED after the session ended) is not retried:
 * it reaches the subscription's onError, which sends the page to sign-in.
 */
export function isTransportFailure({ error }: { error: TRPCClientError<AppRouter> }) {
  return error.data == null;
}

/** 1 s, 2 s, … at most 5 s (the count runs over the page's life: after a few drops, every 5 s). */
export function streamRetryDelayMs(attempt: number) {
  return Math.min(attempt * 1000, 5000);
}

export function TRPCReactProvider({ children }: { children: React.ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        splitLink({
          // Live updates over server-sent events; EventSource reconnects and resumes by last event id.
          // A stream EventSource gives up on (a refused connection, or a 503 from an instance still
          // starting) is opened again by retryLink, which also resumes after the last event seen.
          condition: (op) => op.type === "subscription",
          true: [retryLink({ retry: isTransportFailure, retryDelayMs: streamRetryDelayMs }), httpSubscriptionLink({ url: "/api/trpc" })],
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
