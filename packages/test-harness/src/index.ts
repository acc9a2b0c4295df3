/**
 * @coinstream/test-harness: what benchmarks, fault scenarios and end-to-end tests share.
 * Chromium is a separate entry (`@coinstream/test-harness/chromium`), so runs without a browser
 * never load Playwright.
 */
export { ApiProcess, type ApiProcessOptions, findVerificationLink } from "./api-process.ts";
export { type ApiStack, startApiStack } from "./api-stack.ts";
export { DEMO_CREATOR, DEMO_PASSWORD, DEMO_VIEWER } from "./demo-people.ts";
export {
  describeFailure,
  type HttpAnswer,
  HttpClient,
  type HttpClientOptions,
  loopbackAddress,
  type SendInit,
} from "./http-client.ts";
export {
  type AuthPoster,
  authOverClient,
  authOverFetch,
  SEEDED_GUIDELINES_VERSION,
  type SignUp,
  signIn,
  signInAll,
  signUp,
} from "./people.ts";
export { startPostgres, type TestPostgres } from "./postgres.ts";
export { createPostgresProcess, type PostgresProcess } from "./postgres-process.ts";
export {
  assertPortsFree,
  choosePort,
  forEachConcurrently,
  runCommand,
  runEveryStep,
  settleAll,
  sleep,
  waitFor,
} from "./processes.ts";
