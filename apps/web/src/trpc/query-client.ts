import { MutationCache, QueryCache, QueryClient, defaultShouldDehydrateQuery } from "@tanstack/react-query";

/** `onError` sees every failed query and mutation (the browser uses it to notice an expired session). */
export function makeQueryClient(onError?: (error: Error) => void) {
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: { staleTime: 30_000, refetchOnWindowFocus: false },
      // Pending server prefetches stream to the client with the page.
      dehydrate: { shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === "pending" },
    },
  });
}
