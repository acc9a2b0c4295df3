/**
 * @coinstream/test-harness: what benchmarks, fault scenarios and end-to-end tests share.
 * Chromium is a separate entry (`@coinstream/test-harness/chromium`), so runs without a browser
 * never load Playwright.
 */
export { ApiProcess, type ApiProcessOptions, findVerificationLink } from "./api-process.ts";
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
  sleep,
  waitFor,
} from "./processes.ts";
