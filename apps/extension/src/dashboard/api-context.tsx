import { createContext, type ReactNode, useContext } from "react";
import type { ApiClient } from "../messaging/api-client.ts";

interface DashboardContext {
  readonly api: ApiClient;
  /** The API's origin (build configuration), for addresses the API returns as paths. */
  readonly apiUrl: string;
  /** Called when a call finds the session gone: the page goes back to signing in. */
  readonly onSignedOut: () => void;
}

const Context = createContext<DashboardContext | null>(null);

export function ApiProvider({ children, ...value }: DashboardContext & { children: ReactNode }) {
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useDashboard(): DashboardContext {
  const value = useContext(Context);
  if (!value) throw new Error("useDashboard needs an <ApiProvider> around it");
  return value;
}

export function useApi(): ApiClient {
  return useDashboard().api;
}
