import "vitest";

declare module "vitest" {
  /** What the global setup hands every test file: a URL to reach the test server with. */
  export interface ProvidedContext {
    adminUrl: string;
  }
}
