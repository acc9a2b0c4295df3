import "vitest";

declare module "vitest" {
  /** What the db package's global setup hands every test file (see vitest.config.ts). */
  export interface ProvidedContext {
    adminUrl: string;
  }
}
