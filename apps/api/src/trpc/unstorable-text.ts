/** NUL, or half of a surrogate pair: text UTF-8 (and so Postgres) cannot hold. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what it looks for.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Where in a request's input (a JSON value) some text, as a value or a key, holds a character
 * Postgres cannot store, such as `to.handle` or `caps.0`; null when there is none. Walks with a
 * stack of its own: inputs may nest deeper than a recursive walk could go.
 */
export function findUnstorableText(input: unknown): string | null {
  const pending: { value: unknown; path: string }[] = [{ value: input, path: "" }];
  const at = (path: string, key: string) => (path ? `${path}.${key}` : key);
  for (let item = pending.pop(); item; item = pending.pop()) {
    const { value, path } = item;
    if (typeof value === "string") {
      if (UNSTORABLE.test(value)) return path || "input";
    } else if (Array.isArray(value)) {
      for (const [index, element] of value.entries()) {
        pending.push({ value: element, path: at(path, `${index}`) });
      }
    } else if (typeof value === "object" && value !== null) {
      for (const [key, element] of Object.entries(value)) {
        if (UNSTORABLE.test(key)) return at(path, key.replace(UNSTORABLE, "?"));
        pending.push({ value: element, path: at(path, key) });
      }
    }
  }
  return null;
}
