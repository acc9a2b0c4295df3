import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { OutputOf } from "../../messaging/contract.ts";
import { apiError, fakeApi, renderWithApi } from "../testing/fake-api.tsx";
import { sectionProps } from "../testing/fixtures.ts";
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

describe("ChannelsSection", () => {
  it("adds a channel by URL and shows its code, a copy button and where to paste it", async () => {
    let list: Channel[] = [];
    const fake = fakeApi({
      "channels.list": () => list,
      "channels.add": () => {
        list = [pending];
        return { ...pending, created: true, ownedByAnotherCreator: false, notice: null };
      },
    });
    renderWithApi(<ChannelsSection {...sectionProps()} />, fake);
    fireEvent.change(screen.getByTestId("add-channel-input"), {
      target: { value: "https://www.twitch.tv/nova" },
    });
    fireEvent.click(screen.getByTestId("add-channel-submit"));
    expect((await screen.findByTestId("verification-code")).textContent).toBe(
      "coinstream-verify-k3m9x2pq7h",
    );
    expect(screen.getByTestId("verification-instructions").textContent).toContain("bio");
    expect(screen.getByTestId("copy-code")).toBeTruthy();
    expect(fake.inputsOf("channels.add")).toEqual([{ url: "https://www.twitch.tv/nova" }]);
  });

  it("adds a website with the website field", async () => {
    const fake = fakeApi({
      "channels.list": () => [],
      "channels.add": () => ({
        ...pending,
        platform: "web",
        created: true,
        ownedByAnotherCreator: false,
        notice: null,
      }),
    });
    renderWithApi(<ChannelsSection {...sectionProps()} />, fake);
    fireEvent.click(screen.getByLabelText("Website"));
    fireEvent.change(screen.getByTestId("add-channel-input"), {
      target: { value: "https://nova.example" },
    });
    fireEvent.click(screen.getByTestId("add-channel-submit"));
    await waitFor(() =>
      expect(fake.inputsOf("channels.add")).toEqual([{ website: "https://nova.example" }]),
    );
  });

  it("shows the ownership notice when another creator holds the channel", async () => {
    const fake = fakeApi({
      "channels.list": () => [pending],
      "channels.add": () => ({
        ...pending,
        created: true,
        ownedByAnotherCreator: true,
        notice: "Another creator has verified this channel. Verifying it yourself moves it to you.",
      }),
    });
    renderWithApi(<ChannelsSection {...sectionProps()} />, fake);
    fireEvent.change(screen.getByTestId("add-channel-input"), {
      target: { value: "twitch.tv/nova" },
    });
    fireEvent.click(screen.getByTestId("add-channel-submit"));
    expect((await screen.findByTestId("channel-notice")).textContent).toContain("moves it to you");
  });

  it("verifies and says the channel moved, then reloads the status", async () => {
    let list = [pending];
    const reloadStatus = vi.fn(async () => {});
    const fake = fakeApi({
      "channels.list": () => list,
      "channels.verify": () => {
        list = [verifiedChannel];
        return { ...verifiedChannel, moved: true, alreadyVerified: false };
      },
    });
    renderWithApi(<ChannelsSection {...sectionProps({ reloadStatus })} />, fake);
    fireEvent.click(await screen.findByTestId("verify-channel"));
    const result = await screen.findByTestId("verify-result");
    expect(result.textContent).toContain("We read 1,234 followers");
    expect(screen.getByTestId("channel-moved")).toBeTruthy();
    await waitFor(() => expect(screen.queryByTestId("verify-channel")).toBeNull());
    expect(reloadStatus).toHaveBeenCalled();
    expect(fake.inputsOf("channels.verify")).toEqual([{ channelId: pending.id }]);
  });

  it("shows why verification failed next to the Verify button", async () => {
    const fake = fakeApi({
      "channels.list": () => [pending],
      "channels.verify": () => {
        throw apiError(
          "BAD_REQUEST",
          "VERIFICATION_FAILED",
          "https://www.twitch.tv/nova does not show coinstream-verify-k3m9x2pq7h.",
        );
      },
    });
    renderWithApi(<ChannelsSection {...sectionProps()} />, fake);
    fireEvent.click(await screen.findByTestId("verify-channel"));
    const error = await screen.findByTestId("verify-error");
    expect(error.textContent).toContain("does not show coinstream-verify-k3m9x2pq7h");
    expect(error.textContent).toContain("press Verify again");
    expect(screen.getByTestId("verify-channel").getAttribute("aria-describedby")).toBe(error.id);
  });

  it("unlinks only after confirming", async () => {
    let list = [verifiedChannel];
    const fake = fakeApi({
      "channels.list": () => list,
      "channels.unlink": ({ channelId }) => {
        list = [];
        return { id: channelId, unlinkedAt: "2026-11-22T11:00:00.000Z" };
      },
    });
    renderWithApi(<ChannelsSection {...sectionProps()} />, fake);
    const card = await screen.findByTestId("channel-item");
    fireEvent.click(within(card).getByTestId("unlink-channel"));
    expect(fake.inputsOf("channels.unlink")).toEqual([]);
    const confirm = within(card).getByTestId("unlink-channel-confirm");
    await waitFor(() => expect(document.activeElement).toBe(confirm));
    fireEvent.click(confirm);
    expect(await screen.findByText("No channels linked yet. Add one above.")).toBeTruthy();
    expect(fake.inputsOf("channels.unlink")).toEqual([{ channelId: verifiedChannel.id }]);
  });

  it("asks for the follower count of a verified channel whose page showed none", async () => {
    const fake = fakeApi({
      "channels.list": () => [{ ...verifiedChannel, followers: 0, followersVerified: false }],
      "channels.setFollowers": ({ followers }) => ({
        ...verifiedChannel,
        followers,
        followersVerified: false,
      }),
    });
    renderWithApi(<ChannelsSection {...sectionProps()} />, fake);
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
