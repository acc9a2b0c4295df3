import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { OutputOf } from "../../messaging/contract.ts";
import { apiError, renderSection } from "../testing/fake-api.tsx";
import { ChannelsSection } from "./channels-section.tsx";

afterEach(cleanup);

type Channel = OutputOf<"channels.list">[number];
const pending: Channel = {
  id: "7d1c1f2e-0000-4000-8000-000000000001",
  platform: "twitch",
  channel: "nova",
  url: "https://www.twitch.tv/nova",
  code: "coinstream-verify-k3m9x2pq7h",
  verified: false,
  verifiedAt: null,
  method: null,
  followers: 0,
  followersVerified: false,
  followersReview: null,
  followersCounted: false,
  instructions:
    "Put coinstream-verify-k3m9x2pq7h anywhere in your Twitch channel's bio or about text (https://www.twitch.tv/nova), save it, then verify.",
};
const verifiedChannel: Channel = {
  ...pending,
  verified: true,
  verifiedAt: "2026-11-22T10:00:00.000Z",
  method: "bio",
  followers: 1_234,
  followersVerified: true,
  followersCounted: true,
  instructions: null,
};

function addChannel(address: string) {
  fireEvent.change(screen.getByRole("textbox", { name: /address$/ }), {
    target: { value: address },
  });
  fireEvent.click(screen.getByRole("button", { name: "Add and get a code" }));
}

const card = (name = "Twitch nova") => screen.findByRole("listitem", { name });

describe("ChannelsSection", () => {
  it("adds a channel by URL and shows its code, a copy button and where to paste it", async () => {
    let list: Channel[] = [];
    const fake = renderSection(ChannelsSection, {
      "channels.list": () => list,
      "channels.add": () => {
        list = [pending];
        return { ...pending, created: true, ownedByAnotherCreator: false, notice: null };
      },
    });
    addChannel("https://www.twitch.tv/nova");
    const added = await card();
    within(added).getByText("coinstream-verify-k3m9x2pq7h", { selector: "code" });
    within(added).getByText(
      /^Put coinstream-verify-k3m9x2pq7h anywhere in your Twitch channel's bio/,
    );
    within(added).getByRole("button", {
      name: "Copy code",
      description: "Verification code",
    });
    expect(fake.inputsOf("channels.add")).toEqual([{ url: "https://www.twitch.tv/nova" }]);
  });

  it("adds a website with the website field", async () => {
    const fake = renderSection(ChannelsSection, {
      "channels.list": () => [],
      "channels.add": () => ({
        ...pending,
        platform: "web",
        created: true,
        ownedByAnotherCreator: false,
        notice: null,
      }),
    });
    fireEvent.click(screen.getByRole("radio", { name: "Website" }));
    addChannel("https://nova.example");
    screen.getByRole("textbox", { name: "Website address" });
    await waitFor(() =>
      expect(fake.inputsOf("channels.add")).toEqual([{ website: "https://nova.example" }]),
    );
  });

  it("shows the ownership notice when another creator holds the channel", async () => {
    renderSection(ChannelsSection, {
      "channels.list": () => [pending],
      "channels.add": () => ({
        ...pending,
        created: true,
        ownedByAnotherCreator: true,
        notice: "Another creator has verified this channel. Verifying it yourself moves it to you.",
      }),
    });
    addChannel("twitch.tv/nova");
    const form = screen.getByRole("group", { name: "Link a channel" });
    expect((await within(form).findByRole("status")).textContent).toContain("moves it to you");
  });

  it("verifies and says the channel moved, then reloads the status", async () => {
    let list = [pending];
    const reloadStatus = vi.fn(async () => {});
    const fake = renderSection(
      ChannelsSection,
      {
        "channels.list": () => list,
        "channels.verify": () => {
          list = [verifiedChannel];
          return { ...verifiedChannel, moved: true, alreadyVerified: false };
        },
      },
      { reloadStatus },
    );
    fireEvent.click(within(await card()).getByRole("button", { name: "Verify" }));
    const verified = await within(await card()).findByText(
      "Verified. We read 1,234 followers from the page.",
    );
    const result = verified.closest('[role="status"]') as HTMLElement;
    expect(result.textContent).toContain("it is yours now");
    await waitFor(async () =>
      expect(within(await card()).queryByRole("button", { name: "Verify" })).toBeNull(),
    );
    within(await card()).getByText("Verified");
    expect(reloadStatus).toHaveBeenCalled();
    expect(fake.inputsOf("channels.verify")).toEqual([{ channelId: pending.id }]);
  });

  it("shows why verification failed next to the Verify button", async () => {
    renderSection(ChannelsSection, {
      "channels.list": () => [pending],
      "channels.verify": () => {
        throw apiError(
          "BAD_REQUEST",
          "VERIFICATION_FAILED",
          "https://www.twitch.tv/nova does not show coinstream-verify-k3m9x2pq7h.",
        );
      },
    });
    fireEvent.click(within(await card()).getByRole("button", { name: "Verify" }));
    const error = await within(await card()).findByRole("alert");
    expect(error.textContent).toContain("does not show coinstream-verify-k3m9x2pq7h");
    expect(error.textContent).toContain("press Verify again");
    within(await card()).getByRole("button", {
      name: "Verify",
      description: /does not show coinstream-verify-k3m9x2pq7h/,
    });
  });

  it("unlinks only after confirming", async () => {
    let list = [verifiedChannel];
    const fake = renderSection(ChannelsSection, {
      "channels.list": () => list,
      "channels.unlink": ({ channelId }) => {
        list = [];
        return { id: channelId, unlinkedAt: "2026-11-22T11:00:00.000Z" };
      },
    });
    const channel = await card();
    fireEvent.click(within(channel).getByRole("button", { name: "Unlink" }));
    expect(fake.inputsOf("channels.unlink")).toEqual([]);
    const question = within(channel).getByRole("group", {
      name: "Unlink Twitch nova? Gifts there stop reaching you.",
    });
    const confirm = within(question).getByRole("button", { name: "Unlink" });
    await waitFor(() => expect(document.activeElement).toBe(confirm));
    fireEvent.click(confirm);
    await screen.findByText("No channels linked yet. Add one above.");
    expect(fake.inputsOf("channels.unlink")).toEqual([{ channelId: verifiedChannel.id }]);
  });

  it("asks for the follower count of a verified channel whose page showed none", async () => {
    const fake = renderSection(ChannelsSection, {
      "channels.list": () => [{ ...verifiedChannel, followers: 0, followersVerified: false }],
      "channels.setFollowers": ({ followers }) => ({
        ...verifiedChannel,
        followers,
        followersVerified: false,
      }),
    });
    fireEvent.change(await screen.findByLabelText("Follower count"), {
      target: { value: "1,500" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Save count" }));
    await waitFor(() =>
      expect(fake.inputsOf("channels.setFollowers")).toEqual([
        { channelId: verifiedChannel.id, followers: 1_500 },
      ]),
    );
  });
});
