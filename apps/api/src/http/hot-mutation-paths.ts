/**
 * The mutations `hotMutations` serves past tRPC's fetch adapter: the coin spends a live stream
 * sends many times a second. Each must return plain JSON (no streams or promises in its output).
 */
export const HOT_MUTATIONS: ReadonlySet<string> = new Set(["gifts.send", "tips.send"]);
