const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Purchase ids are UUIDs: anything else (from a provider's event) names no purchase. */
export function isPurchaseId(id: string | null | undefined): id is string {
  return typeof id === "string" && UUID.test(id);
}
