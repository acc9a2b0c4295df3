/**
 * The WHATWG URL class exists in every runtime the rulebook targets (Node >= 20, browsers,
 * extension workers), but it lives in the DOM and Node type libraries, which core deliberately
 * leaves out so that nothing environment-specific creeps in. Only the members core uses.
 */
declare class URL {
  constructor(input: string, base?: string);
  readonly protocol: string;
  readonly username: string;
  readonly password: string;
  readonly hostname: string;
  /** "" when the URL names no port or the scheme's default one. */
  readonly port: string;
  readonly pathname: string;
  readonly searchParams: { get(name: string): string | null };
}
