import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { OutputOf } from "../../messaging/contract.ts";
import { apiError, fakeApi, renderWithApi } from "../testing/fake-api.tsx";
import { sectionProps } from "../testing/fixtures.ts";
import { PerksSection } from "./perks-section.tsx";

afterEach(cleanup);

type Tier = OutputOf<"perks.tiers">[number];
const tier: Tier = {
  id: "2b1c1f2e-0000-4000-8000-000000000001",
  name: "Rose club",
  minCoins: 500,
  badge: "🌹",
  perkText: "Discord role",
  perkUrl: null,
  createdAt: "2026-11-20T10:00:00.000Z",
  archivedAt: null,
};

describe("PerksSection", () => {
  it("defines a tier, sending blank optional fields as null", async () => {
    let tiers: Tier[] = [];
    const fake = fakeApi({
      "perks.tiers": () => tiers,
      "perks.define": (input) => {
        const created = {
          ...tier,
          ...input,
          badge: input.badge ?? null,
          perkText: input.perkText ?? null,
          perkUrl: input.perkUrl ?? null,
        };
        tiers = [created];
        return created;
      },
    });
    renderWithApi(<PerksSection {...sectionProps()} />, fake);
    const form = screen.getByTestId("perk-form");
    fireEvent.change(within(form).getByLabelText("Name"), { target: { value: "Rose club" } });
    fireEvent.change(within(form).getByLabelText("Unlocks at (coins)"), {
      target: { value: "500" },
    });
    fireEvent.click(within(form).getByRole("button", { name: "Add tier" }));
    expect((await screen.findByTestId("perk-tier")).textContent).toContain("Rose club");
    expect(fake.inputsOf("perks.define")).toEqual([
      { name: "Rose club", minCoins: 500, badge: null, perkText: null, perkUrl: null },
    ]);
  });

  it("shows a refused threshold next to the form", async () => {
    renderWithApi(
      <PerksSection {...sectionProps()} />,
      fakeApi({
        "perks.tiers": () => [tier],
        "perks.define": () => {
          throw apiError(
            "CONFLICT",
            "CONFLICT",
            'Your tier "Rose club" already starts at 500 coins; pick another threshold.',
          );
        },
      }),
    );
    const form = screen.getByTestId("perk-form");
    fireEvent.change(within(form).getByLabelText("Name"), { target: { value: "Other" } });
    fireEvent.change(within(form).getByLabelText("Unlocks at (coins)"), {
      target: { value: "500" },
    });
    fireEvent.click(within(form).getByRole("button", { name: "Add tier" }));
    expect((await within(form).findByRole("alert")).textContent).toContain(
      "pick another threshold",
    );
  });

  it("edits and archives a tier", async () => {
    let tiers = [tier];
    const fake = fakeApi({
      "perks.tiers": () => tiers,
      "perks.update": (input) => {
        tiers = [{ ...tier, ...input } as Tier];
        return tiers[0] as Tier;
      },
      "perks.archive": () => {
        tiers = [];
        return { ...tier, archivedAt: "2026-11-22T10:00:00.000Z" };
      },
    });
    renderWithApi(<PerksSection {...sectionProps()} />, fake);
    const card = await screen.findByTestId("perk-tier");
    fireEvent.click(within(card).getByRole("button", { name: "Edit" }));
    fireEvent.change(within(card).getByLabelText("Name"), { target: { value: "Rose society" } });
    fireEvent.click(within(card).getByRole("button", { name: "Save tier" }));
    await waitFor(() =>
      expect(screen.getByTestId("perk-tier").textContent).toContain("Rose society"),
    );
    expect(fake.inputsOf("perks.update")[0]).toMatchObject({
      id: tier.id,
      name: "Rose society",
      minCoins: 500,
    });

    fireEvent.click(within(screen.getByTestId("perk-tier")).getByTestId("perk-archive"));
    fireEvent.click(screen.getByTestId("perk-archive-confirm"));
    expect(await screen.findByText("No tiers yet. Add your first one above.")).toBeTruthy();
  });
});
