import { useMemo } from "react";
import { useApiQuery } from "./use-api-query.ts";

/** Gift ids to display names from the API's catalog (ids show until it loads). */
export function useGiftNames(): ReadonlyMap<string, string> {
  const catalog = useApiQuery("gifts.catalog", undefined);
  return useMemo(
    () => new Map((catalog.data?.gifts ?? []).map((gift) => [gift.id, gift.name] as const)),
    [catalog.data],
  );
}
