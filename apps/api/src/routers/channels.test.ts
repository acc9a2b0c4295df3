import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ChannelVerifierConfig,
  createChannelVerifierConfig,
} from "../services/channels/channel-verifier-config.ts";
import { MAX_OPEN_CLAIMS } from "../services/channels/claim-channel.ts";
import {
  endlessPage,
  hangingPage,
  type StandInSite,
  startStandInSite,
} from "../services/channels/testing/stand-in-site.ts";
import type { Viewer } from "../services/service-context.ts";
import { createAdmin, createFundedPerson, createPerson } from "../test-support/people.ts";
import { useTestLedger } from "../test-support/test-ledger.ts";

const env = useTestLedger();
/** Stands in for Twitch, YouTube, TikTok and Kick, each under its own path prefix. */
let platforms: StandInSite;
/** A creator's website (trusted, so plain http on 127.0.0.1 is allowed). */
let website: StandInSite;
/** A second website, and an internal server no fetch may reach. */
let otherWebsite: StandInSite;
let internal: StandInSite;
let config: ChannelVerifierConfig;

beforeAll(async () => {
  [platforms, website, otherWebsite, internal] = await Promise.all([
    startStandInSite(),
    startStandInSite(),
    startStandInSite(),
    startStandInSite(),
  ]);
  config = createChannelVerifierConfig({
    platformUrls: {
      twitch: `${platforms.origin}/twitch`,
      youtube: `${platforms.origin}/youtube`,
      tiktok: `${platforms.origin}/tiktok`,
      kick: `${platforms.origin}/kick`,
    },
    timeoutMs: 1_000,
    maxBytes: 32 * 1024,
    trustedOrigins: [platforms.origin, website.origin, otherWebsite.origin],
  });
});
afterAll(async () => {
  await Promise.all([platforms, website, otherWebsite, internal].map((site) => site.close()));
});

const callerFor = (who: Viewer) => env.callerFor(who, { channelVerifier: config });

/** A registered creator with a fresh handle. */
async function newCreator() {
  const who = await createPerson(env.db.sql);
  const handle = `c${randomUUID().replaceAll("-", "").slice(0, 10)}`;
  await callerFor(who).creator.register({ handle });
  // A fresh caller per call, as each HTTP request gets its own context (and clock).
  return {
    who,
    handle,
    get api() {
      return callerFor(who);
    },
  };
}

const uniqueName = () => `ch${randomUUID().replaceAll("-", "").slice(0, 12)}`;

async function claimRow(id: string) {
  const [row] = await env.db.sql<
    {
      creator_user_id: string;
      verified_at: Date | null;
      verification_method: string | null;
      unlinked_at: Date | null;
      followers: number;
      followers_verified: boolean;
    }[]
  >`select creator_user_id, verified_at, verification_method, unlinked_at, followers, followers_verified
    from creator_channels where id = ${id}`;
  return row;
}

async function auditFor(platform: string, channel: string) {
  return env.db.sql<
    {
      action: string;
      from_creator_user_id: string | null;
      to_creator_user_id: string | null;
      details: Record<string, unknown>;
    }[]
  >`select action, from_creator_user_id, to_creator_user_id, details from channel_audit
    where platform = ${platform} and channel = ${channel} order by at, action`;
}

describe("channels.add", () => {
  it("claims a Twitch channel by URL with a fresh code and instructions, once however often it is added", async () => {
    const { api, who } = await newCreator();
    const name = uniqueName();
    const first = await api.channels.add({ url: `https://www.twitch.tv/${name.toUpperCase()}` });
    expect(first).toMatchObject({
      platform: "twitch",
      channel: name,
      url: `${platforms.origin}/twitch/${name}`,
      verified: false,
      method: null,
      followers: 0,
      followersVerified: false,
      created: true,
      ownedByAnotherCreator: false,
    });
    expect(first.code).toMatch(/^coinstream-verify-[a-z2-9]{10}$/);
    expect(first.instructions).toContain(first.code);

    const again = await api.channels.add({ url: `twitch.tv/${name}` });
    expect(again).toMatchObject({ id: first.id, code: first.code, created: false });
    expect(await auditFor("twitch", name)).toEqual([
      {
        action: "claimed",
        from_creator_user_id: null,
        to_creator_user_id: who.userId,
        details: { claimId: first.id, url: first.url },
      },
    ]);
  });

  it("reads a YouTube or TikTok channel's home page as the channel", async () => {
    const { api } = await newCreator();
    const name = uniqueName();
    expect(await api.channels.add({ url: `https://www.youtube.com/@${name}` })).toMatchObject({
      platform: "youtube",
      channel: name,
      url: `${platforms.origin}/youtube/@${name}`,
    });
    expect(await api.channels.add({ url: `https://www.tiktok.com/@${name}` })).toMatchObject({
      platform: "tiktok",
      channel: name,
      url: `${platforms.origin}/tiktok/@${name}`,
    });
  });

  it("refuses a YouTube video URL, or a page without a channel, asking for the channel URL", async () => {
    const { api, who } = await newCreator();
    await expect(
      api.channels.add({ url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ" }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      cause: { code: "INVALID_INPUT" },
      message: expect.stringContaining("youtube.com/@yourhandle"),
    });
    for (const url of [
      "https://youtu.be/dQw4w9WgXcQ",
      "https://www.twitch.tv/directory",
      "https://example.com/x",
    ]) {
      await expect(api.channels.add({ url })).rejects.toMatchObject({
        cause: { code: "INVALID_INPUT" },
        message: expect.stringContaining("channel"),
      });
    }
    expect(await api.channels.list()).toEqual([]);
    const [count] = await env.db.sql<{ n: number }[]>`
      select count(*)::int as n from creator_channels where creator_user_id = ${who.userId}`;
    expect(count?.n).toBe(0);
  });

  it("refuses a claim past the open-claim cap, while re-adding an open claim still answers", async () => {
    const { api, who } = await newCreator();
    const names = Array.from({ length: MAX_OPEN_CLAIMS }, uniqueName);
    for (const name of names) await api.channels.add({ url: `https://kick.com/${name}` });
    await expect(
      api.channels.add({ url: `https://kick.com/${uniqueName()}` }),
    ).rejects.toMatchObject({
      cause: { code: "LIMIT_EXCEEDED" },
    });
    expect(await api.channels.add({ url: `https://kick.com/${names[0]}` })).toMatchObject({
      channel: names[0],
      created: false,
    });
    const [count] = await env.db.sql<{ n: number }[]>`
      select count(*)::int as n from creator_channels where creator_user_id = ${who.userId}`;
    expect(count?.n).toBe(MAX_OPEN_CLAIMS);
  });

  it("refuses someone who has not registered as a creator", async () => {
    const who = await createPerson(env.db.sql);
    await expect(
      callerFor(who).channels.add({ url: `https://kick.com/${uniqueName()}` }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
      cause: { code: "NOT_ELIGIBLE" },
      message: expect.stringContaining("Register as a creator first"),
    });
  });

  it("claims a website by its https origin, and refuses plain http and bare addresses", async () => {
    const { api } = await newCreator();
    expect(
      await api.channels.add({ website: "https://Example-Studio.com/about?x=1" }),
    ).toMatchObject({
      platform: "web",
      channel: "example-studio.com",
      url: "https://example-studio.com/",
    });
    for (const website of [
      "http://example.com",
      "https://10.0.0.1",
      "https://localhost",
      "ftp://example.com",
    ]) {
      await expect(api.channels.add({ website })).rejects.toMatchObject({
        cause: { code: "INVALID_INPUT" },
      });
    }
  });
});

describe("channels.verify", () => {
  it("verifies a Twitch channel by the code in its bio and reads the follower count its page shows", async () => {
    const { api, handle } = await newCreator();
    const name = uniqueName();
    const claim = await api.channels.add({ url: `https://www.twitch.tv/${name}` });
    platforms.pages.set(`/twitch/${name}`, {
      body: `<html><script>{"login":"${name}","followers":12345}</script>
             <p class="bio">Streams daily. ${claim.code}</p></html>`,
    });

    const verified = await api.channels.verify({ channelId: claim.id });
    expect(verified).toMatchObject({
      id: claim.id,
      verified: true,
      method: "bio",
      followers: 12_345,
      followersVerified: true,
      moved: false,
      instructions: null,
    });
    expect(await claimRow(claim.id)).toMatchObject({
      verification_method: "bio",
      followers: 12_345,
      followers_verified: true,
      unlinked_at: null,
    });
    expect((await auditFor("twitch", name)).map((entry) => entry.action)).toEqual([
      "claimed",
      "verified",
    ]);
    expect(await api.channels.list()).toMatchObject([{ id: claim.id, verified: true }]);

    // Verified with enough followers: gifts sent to the channel's page now reach this creator.
    const status = await api.creator.status();
    expect(status).toMatchObject({ isCreator: true, canReceive: true });
    const viewer = await createFundedPerson(env.db.sql, env.ledger, 1_000n);
    const gift = await callerFor(viewer).gifts.send({
      idempotencyKey: randomUUID(),
      to: { url: `https://www.twitch.tv/${name}` },
      giftId: "crown",
      count: 1,
    });
    expect(gift).toMatchObject({ creator: { handle } });
    expect(await api.creator.status()).toMatchObject({
      diamonds: { held: gift.creator.diamonds },
    });
  });

  it("reads a count shown as text such as 1.2K followers", async () => {
    const { api } = await newCreator();
    const name = uniqueName();
    const claim = await api.channels.add({ url: `https://kick.com/${name}` });
    platforms.pages.set(`/kick/${name}`, {
      body: `<div>1.2K followers</div><p>${claim.code}</p>`,
    });
    expect(await api.channels.verify({ channelId: claim.id, method: "bio" })).toMatchObject({
      followers: 1_200,
      followersVerified: true,
    });
  });

  it("refuses when the page does not show the code, and changes nothing", async () => {
    const { api } = await newCreator();
    const name = uniqueName();
    const claim = await api.channels.add({ url: `https://kick.com/${name}` });
    platforms.pages.set(`/kick/${name}`, {
      body: `<p>coinstream-verify-aaaaaaaaaa {"followers_count":500}</p>`,
    });
    await expect(api.channels.verify({ channelId: claim.id })).rejects.toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      cause: { code: "VERIFICATION_FAILED" },
      message: expect.stringContaining(`The code ${claim.code} is not on`),
    });
    expect(await claimRow(claim.id)).toMatchObject({
      verified_at: null,
      verification_method: null,
      followers: 0,
    });
    expect((await auditFor("kick", name)).map((entry) => entry.action)).toEqual(["claimed"]);
  });

  it("refuses a page that is too big, too slow, missing, or that redirects to a private address", async () => {
    const { api } = await newCreator();
    internal.pages.set("/admin", { body: "secret" });
    const cases = [
      { page: endlessPage(1024 * 1024), message: "larger than 32 KiB" },
      { page: { body: "x".repeat(40 * 1024) }, message: "larger than 32 KiB" },
      { page: hangingPage(), message: "took longer than 1 s" },
      { page: { status: 404 }, message: "HTTP 404" },
      {
        page: { status: 302, headers: { location: `${internal.origin}/admin` } },
        message: "private or local network address",
      },
      {
        page: { status: 301, headers: { location: "http://[::ffff:10.0.0.1]/" } },
        message: "private or local network address",
      },
    ];
    for (const { page, message } of cases) {
      const name = uniqueName();
      const claim = await api.channels.add({ url: `https://www.twitch.tv/${name}` });
      platforms.pages.set(`/twitch/${name}`, page);
      await expect(api.channels.verify({ channelId: claim.id })).rejects.toMatchObject({
        cause: { code: "VERIFICATION_FAILED" },
        message: expect.stringContaining(message),
      });
      expect(await claimRow(claim.id)).toMatchObject({ verified_at: null });
    }
    expect(internal.requests).toEqual([]);
  });

  it("verifies a website by its .well-known/coinstream.json", async () => {
    const { api, handle } = await newCreator();
    const claim = await api.channels.add({ website: website.origin });
    expect(claim).toMatchObject({ platform: "web", channel: new URL(website.origin).host });
    expect(claim.instructions).toContain(".well-known/coinstream.json");
    website.pages.set("/.well-known/coinstream.json", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ creator: handle, code: claim.code }),
    });
    expect(await api.channels.verify({ channelId: claim.id, method: "well_known" })).toMatchObject({
      verified: true,
      method: "well_known",
      followers: 0,
      followersVerified: false,
    });
  });

  it("verifies a website by its meta tags, trying them after a missing well-known file", async () => {
    const { api, handle } = await newCreator();
    const claim = await api.channels.add({ website: `${otherWebsite.origin}/blog` });
    otherWebsite.pages.set("/", {
      body: `<html><head><meta name="coinstream:creator" content="@someone-else">
             <meta name="coinstream:verify" content="${claim.code}"></head></html>`,
    });
    await expect(
      api.channels.verify({ channelId: claim.id, method: "meta_tag" }),
    ).rejects.toMatchObject({
      cause: { code: "VERIFICATION_FAILED" },
      message: expect.stringContaining("it names @someone-else"),
    });
    otherWebsite.pages.set("/", {
      body: `<html><head><meta name="coinstream:creator" content="@${handle}">
             <meta name="coinstream:verify" content="${claim.code}"></head></html>`,
    });
    expect(await api.channels.verify({ channelId: claim.id })).toMatchObject({
      verified: true,
      method: "meta_tag",
    });
    expect(otherWebsite.requests).toContain("/.well-known/coinstream.json");
  });

  it("refuses a method that does not fit the claim", async () => {
    const { api } = await newCreator();
    const claim = await api.channels.add({ url: `https://kick.com/${uniqueName()}` });
    await expect(
      api.channels.verify({ channelId: claim.id, method: "well_known" }),
    ).rejects.toMatchObject({ cause: { code: "INVALID_INPUT" } });
  });

  it("moves a channel to a second creator who proves ownership, unlinking the first creator's claim with an audit entry", async () => {
    const first = await newCreator();
    const second = await newCreator();
    const name = uniqueName();
    const firstClaim = await first.api.channels.add({ url: `https://kick.com/${name}` });
    platforms.pages.set(`/kick/${name}`, { body: `${firstClaim.code} 300 followers` });
    await first.api.channels.verify({ channelId: firstClaim.id });

    const secondClaim = await second.api.channels.add({ url: `https://kick.com/${name}` });
    expect(secondClaim).toMatchObject({
      verified: false,
      ownedByAnotherCreator: true,
      notice: expect.stringContaining("moves it to you"),
    });
    // Claiming alone moves nothing.
    expect(await claimRow(firstClaim.id)).toMatchObject({ unlinked_at: null });
    await expect(second.api.channels.verify({ channelId: secondClaim.id })).rejects.toMatchObject({
      cause: { code: "VERIFICATION_FAILED" },
    });

    platforms.pages.set(`/kick/${name}`, { body: `${secondClaim.code} 310 followers` });
    expect(await second.api.channels.verify({ channelId: secondClaim.id })).toMatchObject({
      verified: true,
      moved: true,
      followers: 310,
    });
    expect(await claimRow(firstClaim.id)).toMatchObject({
      creator_user_id: first.who.userId,
      verified_at: expect.any(Date),
      unlinked_at: expect.any(Date),
    });
    expect(await first.api.channels.list()).toEqual([]);
    expect(await second.api.channels.list()).toMatchObject([
      { id: secondClaim.id, verified: true },
    ]);
    const audit = await auditFor("kick", name);
    expect(audit.map((entry) => entry.action).sort()).toEqual([
      "claimed",
      "claimed",
      "moved",
      "verified",
      "verified",
    ]);
    expect(audit.find((entry) => entry.action === "moved")).toMatchObject({
      from_creator_user_id: first.who.userId,
      to_creator_user_id: second.who.userId,
      details: { fromClaimId: firstClaim.id, toClaimId: secondClaim.id, method: "bio" },
    });
    const resolved = await second.api.streams.resolve({ url: `https://kick.com/${name}` });
    expect(resolved).toMatchObject({ found: true, creator: { handle: second.handle } });
  });
});

describe("channels.setFollowers", () => {
  it("records an entered count as unverified for a verified channel whose page showed none", async () => {
    const { api, who } = await newCreator();
    const name = uniqueName();
    const claim = await api.channels.add({ url: `https://www.tiktok.com/@${name}/live` });
    await expect(
      api.channels.setFollowers({ channelId: claim.id, followers: 500 }),
    ).rejects.toMatchObject({ cause: { code: "FORBIDDEN_CHANGE" } });

    platforms.pages.set(`/tiktok/@${name}`, { body: `<p>${claim.code}</p>` });
    expect(await api.channels.verify({ channelId: claim.id })).toMatchObject({
      followers: 0,
      followersVerified: false,
    });
    expect(await api.channels.setFollowers({ channelId: claim.id, followers: 500 })).toMatchObject({
      followers: 500,
      followersVerified: false,
    });
    expect(await claimRow(claim.id)).toMatchObject({ followers: 500, followers_verified: false });
    expect((await auditFor("tiktok", name)).at(-1)).toMatchObject({
      action: "followers_entered",
      to_creator_user_id: who.userId,
      details: { claimId: claim.id, followers: 500, previous: 0 },
    });
    // An entered count waits for an admin's review before it counts (issue 14, item 6).
    expect(await api.creator.status()).toMatchObject({
      canReceive: false,
      receiveMissing: [expect.objectContaining({ code: "FOLLOWERS_NOT_VERIFIED" })],
    });
  });

  it("does not let a typed number meet the minimum followers until an admin approves it", async () => {
    const { api, handle } = await newCreator();
    const admin = callerFor(await createAdmin(env.db.sql));
    const name = uniqueName();
    const claim = await api.channels.add({ url: `https://www.twitch.tv/${name}` });
    platforms.pages.set(`/twitch/${name}`, { body: `<p>${claim.code}</p>` });
    await api.channels.verify({ channelId: claim.id });
    expect(
      await api.channels.setFollowers({ channelId: claim.id, followers: 250_000 }),
    ).toMatchObject({ followers: 250_000, followersReview: "pending", followersCounted: false });

    const status = await api.creator.status();
    expect(status).toMatchObject({ canReceive: false });
    expect(status.isCreator && status.receiveMissing).toEqual([
      {
        code: "FOLLOWERS_NOT_VERIFIED",
        message: expect.stringContaining("counts only once an admin confirms it"),
      },
    ]);
    expect(await api.streams.resolve({ handle })).toMatchObject({ creator: { canReceive: false } });

    expect(await admin.admin.enteredFollowerCounts()).toContainEqual(
      expect.objectContaining({ channelId: claim.id, handle, followers: 250_000 }),
    );
    // Rejected: still not counted; entering another count waits for review again.
    await admin.admin.reviewFollowerCount({ channelId: claim.id, decision: "reject" });
    expect(await api.creator.status()).toMatchObject({ canReceive: false });
    await expect(
      admin.admin.reviewFollowerCount({ channelId: claim.id, decision: "approve" }),
    ).rejects.toMatchObject({ cause: { code: "CONFLICT" } });
    await api.channels.setFollowers({ channelId: claim.id, followers: 240_000 });
    expect(
      await admin.admin.reviewFollowerCount({ channelId: claim.id, decision: "approve" }),
    ).toEqual({ channelId: claim.id, followers: 240_000, followersReview: "approved" });
    expect(await api.creator.status()).toMatchObject({ canReceive: true, receiveMissing: [] });
    const audit = await env.db.sql<{ action: string }[]>`
      select action from admin_audit where target_id = ${claim.id} order by at`;
    expect(audit.map((row) => row.action)).toEqual([
      "reject_follower_count",
      "approve_follower_count",
    ]);
  });

  it("never replaces a count read from the channel's page", async () => {
    const { api } = await newCreator();
    const name = uniqueName();
    const claim = await api.channels.add({ url: `https://www.twitch.tv/${name}` });
    platforms.pages.set(`/twitch/${name}`, { body: `{"followers":42} ${claim.code}` });
    await api.channels.verify({ channelId: claim.id });
    await expect(
      api.channels.setFollowers({ channelId: claim.id, followers: 100_000 }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
      cause: { code: "FORBIDDEN_CHANGE" },
      message: expect.stringContaining("42 followers"),
    });
    expect(await claimRow(claim.id)).toMatchObject({ followers: 42, followers_verified: true });
  });
});

describe("channels.unlink", () => {
  it("unlinks a channel but keeps its row and history, and the channel can be claimed afresh", async () => {
    const { api, who } = await newCreator();
    const name = uniqueName();
    const claim = await api.channels.add({ url: `https://kick.com/${name}` });
    platforms.pages.set(`/kick/${name}`, { body: `${claim.code} {"followers_count":250}` });
    await api.channels.verify({ channelId: claim.id });

    const unlinked = await api.channels.unlink({ channelId: claim.id });
    expect(unlinked).toMatchObject({ id: claim.id });
    expect(await api.channels.unlink({ channelId: claim.id })).toEqual(unlinked);
    expect(await api.channels.list()).toEqual([]);
    expect(await claimRow(claim.id)).toMatchObject({
      verified_at: expect.any(Date),
      unlinked_at: expect.any(Date),
      followers: 250,
    });
    expect((await auditFor("kick", name)).at(-1)).toMatchObject({
      action: "unlinked",
      from_creator_user_id: who.userId,
    });
    expect(await api.creator.status()).toMatchObject({ canReceive: false });
    await expect(api.streams.resolve({ url: `https://kick.com/${name}` })).resolves.toMatchObject({
      found: false,
    });

    const fresh = await api.channels.add({ url: `https://kick.com/${name}` });
    expect(fresh.id).not.toBe(claim.id);
    expect(fresh.code).not.toBe(claim.code);
    expect(fresh).toMatchObject({ verified: false, created: true });
  });
});

describe("channels, between creators", () => {
  it("lets creator B see, verify, change or unlink nothing of creator A's", async () => {
    const a = await newCreator();
    const b = await newCreator();
    const name = uniqueName();
    const claim = await a.api.channels.add({ url: `https://www.twitch.tv/${name}` });
    platforms.pages.set(`/twitch/${name}`, { body: `<p>${claim.code}</p>` });
    const notFound = { code: "NOT_FOUND", cause: { code: "NOT_FOUND" } };

    await expect(b.api.channels.verify({ channelId: claim.id })).rejects.toMatchObject(notFound);
    await a.api.channels.verify({ channelId: claim.id });
    await expect(
      b.api.channels.setFollowers({ channelId: claim.id, followers: 9 }),
    ).rejects.toMatchObject(notFound);
    await expect(b.api.channels.unlink({ channelId: claim.id })).rejects.toMatchObject(notFound);
    await expect(b.api.channels.verify({ channelId: randomUUID() })).rejects.toMatchObject(
      notFound,
    );
    expect(await b.api.channels.list()).toEqual([]);
    expect(await claimRow(claim.id)).toMatchObject({
      creator_user_id: a.who.userId,
      verified_at: expect.any(Date),
      unlinked_at: null,
      followers: 0,
    });
    expect((await auditFor("twitch", name)).map((entry) => entry.action)).toEqual([
      "claimed",
      "verified",
    ]);
  });
});
