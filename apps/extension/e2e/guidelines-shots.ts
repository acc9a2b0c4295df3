// Screenshots of the guidelines UI at 375 px (not a test: `npx tsx e2e/guidelines-shots.ts`).

import { ApiProcess, startPostgres } from "@coinstream/test-harness";
import { launchWithExtension } from "@coinstream/test-harness/chromium";
import type { Page } from "playwright-core";
import { connect } from "../../../packages/db/src/index.ts";
import { buildExtension } from "./support/build-extension.ts";

const OUT = process.env.SHOTS_DIR ?? "/tmp/gl-shots";
const API_PORT = Number(process.env.SHOTS_API_PORT ?? 4001);
const PG_PORT = Number(process.env.SHOTS_PG_PORT ?? 54561);
const EXTENSION_ID = "lmlodmfagolglgghppehjmepbcmkeimf";
const VIEWER = { email: "viewer@demo.coinstream.local", password: "coinstream-demo" };
const CREATOR = { email: "nova@demo.coinstream.local", password: "coinstream-demo" };

const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

async function closedShadowBox(page: Page, testId: string) {
  const cdp = await page.context().newCDPSession(page);
  try {
    type Node = {
      backendNodeId: number;
      attributes?: string[];
      children?: Node[];
      shadowRoots?: Node[];
    };
    const { root } = (await cdp.send("DOM.getDocument", { depth: -1, pierce: true })) as {
      root: Node;
    };
    const stack: Node[] = [root];
    while (stack.length > 0) {
      const node = stack.pop() as Node;
      const attributes = node.attributes ?? [];
      for (let i = 0; i < attributes.length; i += 2) {
        if (attributes[i] === "data-testid" && attributes[i + 1] === testId) {
          const { model } = (await cdp.send("DOM.getBoxModel", {
            backendNodeId: node.backendNodeId,
          })) as { model: { border: number[] } };
          const [x1 = 0, y1 = 0, , , x3 = 0, y3 = 0] = model.border;
          return { x: x1, y: y1, width: x3 - x1, height: y3 - y1 };
        }
      }
      stack.push(...(node.shadowRoots ?? []), ...(node.children ?? []));
    }
    return null;
  } catch {
    return null;
  } finally {
    await cdp.detach();
  }
}

const database = await startPostgres({ port: PG_PORT });
const apiUrl = `http://127.0.0.1:${API_PORT}`;
const dir = await buildExtension(apiUrl);
const api = new ApiProcess({
  port: API_PORT,
  databaseUrl: database.url("postgres"),
  env: { TRUSTED_ORIGINS: `chrome-extension://${EXTENSION_ID}` },
});
await api.start();
const browser = await launchWithExtension(dir);
const sql = connect(database.url("postgres"), 2);
const closers: (() => Promise<void>)[] = [];
try {
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
  await sql`insert into guidelines_versions (version, title, body, published_by)
            values (2, 'Community guidelines', ${"# Coinstream community guidelines, version 2\n\n- **Be respectful.** No harassment, hate or threats.\n- **No giveaways for gifts.** Never promise anything in exchange for gifts.\n- **Gifts are gifts.** Never pressure anyone to spend."}, 'admin')`;
  await byTestId(popup, "auth-tab-signin").click();
  await byTestId(popup, "signin-email").fill(VIEWER.email);
  await byTestId(popup, "signin-password").fill(VIEWER.password);
  await byTestId(popup, "signin-submit").click();
  await byTestId(popup, "guidelines-prompt").waitFor({ timeout: 15_000 });
  await popup.waitForTimeout(300);
  await popup.screenshot({ path: `${OUT}/2-popup-prompt.png` });
  await byTestId(popup, "guidelines-accept").click();
  await byTestId(popup, "guidelines-prompt").waitFor({ state: "detached" });

  // The panel on the demo stream page: Report @nova (who accepted version 2: she can receive).
  await sql`insert into guidelines_acceptances (user_id, version)
            select id, 2 from users where email = ${CREATOR.email}`;
  const stream = await browser.context.newPage();
  await stream.setViewportSize({ width: 375, height: 812 });
  await stream.goto(`${apiUrl}/demo/stream/nova`);
  let box = null;
  for (let i = 0; i < 100 && !box?.width; i++) {
    box = await closedShadowBox(stream, "open-panel");
    if (!box?.width) await stream.waitForTimeout(200);
  }
  if (!box) throw new Error("no launcher");
  await stream.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  for (
    let i = 0;
    i < 50 && !stream.frames().some((f: { url(): string }) => f.url().includes("/tabs/panel.html"));
    i++
  ) {
    await stream.waitForTimeout(200);
  }
  const panel = stream
    .frames()
    .find((f: { url(): string }) => f.url().includes("/tabs/panel.html"));
  if (!panel) throw new Error("no panel");
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
  const [nova] = await sql<{ id: string }[]>`select id from users where email = ${CREATOR.email}`;
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
  // The creator in a browser of her own (the viewer is signed in to this one).
  const creatorBrowser = await launchWithExtension(dir);
  closers.push(() => creatorBrowser.close());
  const dashboard = await creatorBrowser.context.newPage();
  await dashboard.setViewportSize({ width: 375, height: 1100 });
  await dashboard.goto(creatorBrowser.pageUrl("options.html"));
  await byTestId(dashboard, "sign-in-email").fill(CREATOR.email);
  await byTestId(dashboard, "sign-in-password").fill(CREATOR.password);
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
  for (const close of closers) await close();
  await sql.end();
  await browser.close();
  await api.stop();
  await database.stop();
}
