import { createContext, type ReactNode, useContext } from "react";
import { ApiQueryProvider } from "../lib/api-query.tsx";
import type { ApiClient, BackgroundActions } from "../messaging/api-client.ts";

interface DashboardContext {
  readonly api: ApiClient;
  /** Signing in and out. */
  readonly background: BackgroundActions;
  /** The API's origin (build configuration), for addresses the API returns as paths. */
  readonly apiUrl: string;
  /** Called when a call finds the session gone: the page goes back to signing in. */
  readonly onSignedOut: () => void;
}

const Context = createContext<DashboardContext | null>(null);

export function ApiProvider({ children, ...value }: DashboardContext & { children: ReactNode }) {
  return (
    <ApiQueryProvider api={value.api} onSignedOut={value.onSignedOut}>
      <Context.Provider value={value}>{children}</Context.Provider>
    </ApiQueryProvider>
  );
}

export function useDashboard(): DashboardContext {
  const value = useContext(Context);
  if (!value) throw new Error("useDashboard needs an <ApiProvider> around it");
  return value;
}

export function useApi(): ApiClient {
  return useDashboard().api;
}
