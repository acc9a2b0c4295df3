import { useQuery } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiQueryProvider, useTRPC } from "../../lib/api-query.tsx";
import { createApiClient } from "../../messaging/trpc-client.ts";
import { apiError, createFakeBackground, FakeApiFailure } from "../testing/fake-background.ts";
import { StudioLink } from "./studio-link.tsx";

afterEach(cleanup);

/** Shows once the status query has answered, rendered in the same pass as the link. */
function StatusAnswered() {
  const status = useQuery(useTRPC().creator.status.queryOptions());
  return status.isFetched ? <output aria-label="status answered" /> : null;
}

function renderLink(handler: () => unknown, openStudio = vi.fn()) {
  const fake = createFakeBackground({ "creator.status": handler });
  render(
    <ApiQueryProvider api={createApiClient(fake.link)} onSignedOut={() => {}}>
      <StudioLink openStudio={openStudio} />
      <StatusAnswered />
    </ApiQueryProvider>,
  );
  return { fake, openStudio };
}

describe("StudioLink", () => {
  it("opens the creator studio when a creator presses it", async () => {
    const { openStudio } = renderLink(() => ({ isCreator: true, handle: "nova" }));
    const button = await screen.findByRole("button", { name: "Open creator studio" });
    expect(screen.getByRole("navigation", { name: "Creator studio" }).textContent).toContain(
      "@nova",
    );
    fireEvent.click(button);
    expect(openStudio).toHaveBeenCalledTimes(1);
  });

  it("shows nothing to a viewer who is not a creator", async () => {
    const { fake } = renderLink(() => ({ isCreator: false }));
    await screen.findByRole("status", { name: "status answered" });
    expect(fake.callsTo("creator.status")).toHaveLength(1);
    expect(screen.queryByRole("button", { name: "Open creator studio" })).toBeNull();
  });

  it("shows nothing when the status cannot be read", async () => {
    const { fake } = renderLink(() => {
      throw new FakeApiFailure(apiError("NETWORK", "Can't reach Coinstream."));
    });
    await screen.findByRole("status", { name: "status answered" });
    expect(fake.callsTo("creator.status")).toHaveLength(1);
    expect(screen.queryByRole("navigation", { name: "Creator studio" })).toBeNull();
  });
});
