import type { Hono } from "hono";
import { html } from "hono/html";

/** Where a verification link lands once Better Auth has checked it. */
export const EMAIL_VERIFIED_PATH = "/email-verified";

/**
 * Better Auth sends a person to `/` after the link (a 404 here) unless the client named a page;
 * point such links at the confirmation page instead. Links that name their own page keep it.
 */
export function landOnConfirmationPage(link: string): string {
  const url = new URL(link);
  const callback = url.searchParams.get("callbackURL");
  if (callback === null || callback === "/") {
    url.searchParams.set("callbackURL", EMAIL_VERIFIED_PATH);
  }
  return url.toString();
}

/**
 * The page after a verification link: confirmed, or why not (Better Auth appends `?error=CODE`).
 * The code is only matched, never echoed.
 */
export function mountEmailVerifiedPage<A extends Hono>(app: A): A {
  app.get(EMAIL_VERIFIED_PATH, (c) => {
    const error = c.req.query("error");
    const title = error ? "This link did not work" : "Your email is confirmed";
    const text = !error
      ? "You can sign in now: open Coinstream from your browser's toolbar."
      : error === "TOKEN_EXPIRED"
        ? "The link has expired (links work for an hour), so your email is not confirmed yet."
        : "The link is not valid (it may be incomplete), so your email is not confirmed yet. Open the newest link we sent you.";
    return c.html(
      html`<!doctype html>
        <html lang="en">
          <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <link rel="icon" href="data:," />
            <title>${title}: Coinstream</title>
          </head>
          <body style="font-family: system-ui; max-width: 36rem; margin: 4rem auto; padding: 0 1rem">
            <h1 data-outcome="${error ? "failed" : "confirmed"}">${title}</h1>
            <p>${text}</p>
          </body>
        </html>`,
      error ? 400 : 200,
    );
  });
  return app;
}
