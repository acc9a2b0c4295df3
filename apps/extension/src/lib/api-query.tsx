/*
 * The popup's and the dashboard's data layer: TanStack Query over the tRPC client (which runs
 * every call through the background's `trpc` port). Components read with
 * `useQuery(useTRPC().wallet.get.queryOptions())`; a call that finds the session gone sends the
 * page back to signing in, once, here.
 */
import type { AppRouter } from "@coinstream/api";
import {
  keepPreviousData,
  MutationCache,
  QueryCache,
  QueryClient,
  QueryClientProvider,
  type QueryKey,
  useQueryClient,
} from "@tanstack/react-query";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { type ReactNode, useCallback, useEffect, useRef, useState } from "react";
import type { ApiClient } from "../messaging/api-client.ts";
import { apiErrorOf } from "../messaging/api-error.ts";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

function createQueryClient(onError: (error: unknown) => void): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      // The background already answers NETWORK for an unreachable API; a person presses Try again.
      queries: {
        retry: false,
        refetchOnWindowFocus: false,
        staleTime: 5_000,
        // A new range or filter keeps showing the last answer until its own arrives.
        placeholderData: keepPreviousData,
      },
      mutations: { retry: false },
    },
  });
}

export function ApiQueryProvider({
  api,
  onSignedOut,
  children,
}: {
  readonly api: ApiClient;
  /** Called when a call finds the session gone. */
  readonly onSignedOut: () => void;
  readonly children: ReactNode;
}) {
  const signedOut = useRef(onSignedOut);
  useEffect(() => {
    signedOut.current = onSignedOut;
  }, [onSignedOut]);
  const [queryClient] = useState(() =>
    createQueryClient((error) => {
      if (apiErrorOf(error).code === "UNAUTHORIZED") signedOut.current();
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={api} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}

/**
 * Loads a query again after a change. A first load still under way started before the change,
 * so it is cancelled rather than joined (TanStack joins a fetch in flight when there is no data).
 */
export function useReload(queryKey: QueryKey): () => Promise<void> {
  const queryClient = useQueryClient();
  const key = JSON.stringify(queryKey);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `queryKey`.
  return useCallback(async () => {
    await queryClient.cancelQueries({ queryKey });
    await queryClient.refetchQueries({ queryKey });
  }, [queryClient, key]);
}
