import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTRPC } from "../../lib/api-query.tsx";

/** Gift ids to display names from the API's catalog (ids show until it loads). */
export function useGiftNames(): ReadonlyMap<string, string> {
  const trpc = useTRPC();
  const catalog = useQuery(trpc.gifts.catalog.queryOptions());
  return useMemo(
    () => new Map((catalog.data?.gifts ?? []).map((gift) => [gift.id, gift.name] as const)),
    [catalog.data],
  );
}
