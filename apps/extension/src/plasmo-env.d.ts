/*
 * What Plasmo's generated .plasmo/index.d.ts declares, kept here so `tsc --noEmit` works on a
 * fresh clone before any build: its asset import schemes and the public build-time variables.
 */
declare module "data-base64:*" {
  const value: string;
  export default value;
}
declare module "data-text:*" {
  const value: string;
  export default value;
}
declare module "url:*" {
  const value: string;
  export default value;
}

declare namespace NodeJS {
  interface ProcessEnv {
    /** The API's origin, e.g. https://api.coinstream.app (default http://127.0.0.1:3000). */
    readonly PLASMO_PUBLIC_API_URL?: string;
  }
}
