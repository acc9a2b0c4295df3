// Screenshots of the guidelines UI at 375 px (not a test: `npx tsx e2e/guidelines-shots.ts`).

import { DEMO_CREATOR, DEMO_VIEWER } from "@coinstream/test-harness";
import { launchWithExtension } from "@coinstream/test-harness/chromium";
import { byTestId, openPanel } from "./support/chromium-pages.ts";
import { E2eRun } from "./support/e2e-run.ts";

const OUT = process.env.SHOTS_DIR ?? "/tmp/gl-shots";
const run = new E2eRun({
  target: "chrome-mv3",
  apiPort: Number(process.env.SHOTS_API_PORT ?? 4001),
  postgresPort: Number(process.env.SHOTS_PG_PORT ?? 54561),
  outputName: "guidelines-shots",
});

try {
  await run.start();
  const browser = run.keep(await launchWithExtension(run.extensionDir));
  // Sign-up form with the guidelines.
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 375, height: 640 });
  await popup.goto(browser.pageUrl("popup.html"));
  await byTestId(popup, "auth-tab-signup").click();
  await byTestId(popup, "signup-guidelines").waitFor();
  await popup.locator("details summary").click();
  await byTestId(popup, "signup-submit").click();
  await byTestId(popup, "signup-submit").scrollIntoViewIfNeeded();
  await popup.waitForTimeout(300);
  await popup.screenshot({ path: `${OUT}/1-signup.png` });

  // A new version in effect: the popup asks before spending.
  await run.withDatabase(
    (sql) => sql`insert into guidelines_versions (version, title, body, published_by)
            values (2, 'Community guidelines', ${"# Coinstream community guidelines, version 2\n\n- **Be respectful.** No harassment, hate or threats.\n- **No giveaways for gifts.** Never promise anything in exchange for gifts.\n- **Gifts are gifts.** Never pressure anyone to spend."}, 'admin')`,
  );
  await byTestId(popup, "auth-tab-signin").click();
  await byTestId(popup, "signin-email").fill(DEMO_VIEWER.email);
  await byTestId(popup, "signin-password").fill(DEMO_VIEWER.password);
  await byTestId(popup, "signin-submit").click();
  await byTestId(popup, "guidelines-prompt").waitFor({ timeout: 15_000 });
  await popup.waitForTimeout(300);
  await popup.screenshot({ path: `${OUT}/2-popup-prompt.png` });
  await byTestId(popup, "guidelines-accept").click();
  await byTestId(popup, "guidelines-prompt").waitFor({ state: "detached" });

  // The panel on the demo stream page: Report @nova (who accepted version 2: she can receive).
  await run.withDatabase(
    (sql) => sql`insert into guidelines_acceptances (user_id, version)
            select id, 2 from users where email = ${DEMO_CREATOR.email}`,
  );
  const stream = await browser.context.newPage();
  await stream.setViewportSize({ width: 375, height: 812 });
  await stream.goto(`${run.apiUrl}/demo/stream/${DEMO_CREATOR.handle}`);
  const panel = await openPanel(stream);
  await panel.locator('[data-testid="report-open"]').waitFor({ timeout: 15_000 });
  await panel.locator('[data-testid="report-open"]').click();
  await panel.locator('[data-testid="report-reason"]').selectOption("scam");
  await panel.locator('[data-testid="report-details"]').fill("Promises a giveaway for gifts.");
  await panel.locator('[data-testid="report-form"]').scrollIntoViewIfNeeded();
  await stream.waitForTimeout(300);
  await stream.screenshot({ path: `${OUT}/3-panel-report-form.png` });
  await panel.locator('[data-testid="report-send"]').click();
  await panel.locator('[data-testid="report-sent"]').waitFor();
  await panel.locator('[data-testid="report-sent"]').scrollIntoViewIfNeeded();
  await stream.screenshot({ path: `${OUT}/4-panel-report-sent.png` });

  // Nova: three strikes (one appealed), guidelines v2 not accepted yet.
  await run.withDatabase(async (sql) => {
    const [nova] = await sql<
      { id: string }[]
    >`select id from users where email = ${DEMO_CREATOR.email}`;
    for (const [days, reason] of [
      [40, "Spam links in the stream title"],
      [12, "Giveaway for gifts"],
      [1, "Harassing a viewer on stream"],
    ] as const) {
      await sql`insert into creator_strikes (creator_user_id, reason, issued_by, issued_at)
              values (${nova?.id ?? ""}, ${reason}, 'admin', now() - ${`${days} days`}::interval)`;
    }
    await sql`insert into guidelines_versions (version, title, body, published_by)
            values (3, 'Community guidelines', ${"# Version 3\n\n- **Be respectful.**\n- **Gifts are gifts.**"}, 'admin')`;
  });
  // The creator in a browser of her own (the viewer is signed in to this one).
  const creatorBrowser = run.keep(await launchWithExtension(run.extensionDir));
  const dashboard = await creatorBrowser.context.newPage();
  await dashboard.setViewportSize({ width: 375, height: 1100 });
  await dashboard.goto(creatorBrowser.pageUrl("options.html"));
  await byTestId(dashboard, "sign-in-email").fill(DEMO_CREATOR.email);
  await byTestId(dashboard, "sign-in-password").fill(DEMO_CREATOR.password);
  await byTestId(dashboard, "sign-in-submit").click();
  await byTestId(dashboard, "dashboard").waitFor({ timeout: 15_000 });
  await dashboard.goto(`${creatorBrowser.pageUrl("options.html")}#standing`);
  await byTestId(dashboard, "strike-list").waitFor({ timeout: 15_000 });
  await byTestId(dashboard, "strike-appeal-open").first().click();
  await byTestId(dashboard, "strike-appeal-message").fill(
    "I was quoting a viewer to call it out, not agreeing with them.",
  );
  await dashboard.waitForTimeout(300);
  await dashboard.screenshot({ path: `${OUT}/5-dashboard-standing.png`, fullPage: true });
  await byTestId(dashboard, "strike-appeal-send").click();
  await dashboard.waitForTimeout(800);
  await dashboard.goto(`${creatorBrowser.pageUrl("options.html")}#overview`);
  await dashboard.waitForTimeout(1500);
  await dashboard.screenshot({ path: `${OUT}/6-dashboard-overview.png`, fullPage: true });
  console.log("shots written to", OUT);
} finally {
  await run.stop();
}
