// Fault: `kill -9` the API (its whole process group) while viewers send gifts, restart it, and let
// every client retry what was not acknowledged with the same idempotency key. Proves every
// acknowledged gift is in the ledger exactly once, nothing else is, balances add up and
// checkLedger() is clean.
//
//   pnpm --filter @coinstream/api fault:kill [--short]

import { sleep } from "@coinstream/test-harness";
import { formatTally } from "./support/findings.ts";
import { GiftLoad } from "./support/gift-load.ts";
import { isShort, runScenario, step } from "./support/scenario.ts";
import { CREATOR_HANDLE, openStage } from "./support/stage.ts";
import { verifyGifts } from "./support/verify-gifts.ts";

const PLAN = isShort
  ? { people: 32, kills: 2, loadMsBetweenKills: 3_000, giftsPerPersonPerSecond: 1.5 }
  : { people: 96, kills: 8, loadMsBetweenKills: 8_000, giftsPerPersonPerSecond: 1.5 };

await runScenario("kill -9 the API under gifting load", async (findings, cleanup) => {
  const stage = await openStage(cleanup, { people: PLAN.people, coins: 10_000n });
  const load = new GiftLoad(stage.people, {
    handle: CREATOR_HANDLE,
    giftsPerPersonPerSecond: PLAN.giftsPerPersonPerSecond,
    inBursts: true,
  });
  load.start();
  const inFlightAtKill: number[] = [];
  const restartMs: number[] = [];
  for (let kill = 1; kill <= PLAN.kills; kill++) {
    await sleep(PLAN.loadMsBetweenKills * (0.5 + Math.random()));
    await load.midSpike();
    inFlightAtKill.push(load.inFlight);
    const pid = stage.api.runningPid;
    await stage.api.kill9();
    step(
      `kill -9 #${kill}: process group ${pid} killed with ${inFlightAtKill.at(-1)} requests in flight`,
    );
    restartMs.push(await stage.api.start());
    step(`API back after ${restartMs.at(-1)?.toFixed(0)} ms (pid ${stage.api.runningPid})`);
  }
  await sleep(PLAN.loadMsBetweenKills);
  const { unsettled } = await load.stop();
  step(`load stopped; ${unsettled} gift(s) left unsettled`);

  findings.fact(
    "viewers (one gift at a time each, all at once every tick)",
    `${PLAN.people} at ${PLAN.giftsPerPersonPerSecond}/s each`,
  );
  findings.fact("kill -9 of the API's process group", PLAN.kills);
  findings.fact("requests in flight at each kill", inFlightAtKill.join(", "));
  findings.fact("restart until /health 200 (ms)", restartMs.map((ms) => ms.toFixed(0)).join(", "));
  findings.fact("answers seen", formatTally(load.answers));
  // While the API is down clients see refused or reset connections; any answer is a 200.
  const unexpected = [...load.answers.keys()].filter(
    (label) => label !== "200 ok" && !label.startsWith("network "),
  );
  findings.check(unexpected.length === 0, `clients were also told: ${unexpected.join(", ")}`);
  await verifyGifts(stage.sql, load.records, stage.creator, findings);
  findings.fact("API log (kept when the scenario fails)", stage.logFile);
});
