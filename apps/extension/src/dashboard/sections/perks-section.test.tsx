import { cleanup, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { OutputOf } from "../../messaging/contract.ts";
import { apiError, renderSection } from "../testing/fake-api.tsx";
import { pressConfirmed } from "../testing/press-confirmed.ts";
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

const addTier = () => screen.getByRole("group", { name: "Add a tier" });

function fillNewTier(name: string, minCoins: string) {
  fireEvent.change(within(addTier()).getByLabelText("Name"), { target: { value: name } });
  fireEvent.change(within(addTier()).getByLabelText("Unlocks at (coins)"), {
    target: { value: minCoins },
  });
  fireEvent.click(within(addTier()).getByRole("button", { name: "Add tier" }));
}

describe("PerksSection", () => {
  it("defines a tier, sending blank optional fields as null", async () => {
    let tiers: Tier[] = [];
    const fake = renderSection(PerksSection, {
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
    fillNewTier("Rose club", "500");
    const created = await screen.findByRole("listitem", { name: "Rose club" });
    within(created).getByText("From 500 coins");
    expect(fake.inputsOf("perks.define")).toEqual([
      { name: "Rose club", minCoins: 500, badge: null, perkText: null, perkUrl: null },
    ]);
  });

  it("shows a refused threshold next to the form", async () => {
    renderSection(PerksSection, {
      "perks.tiers": () => [tier],
      "perks.define": () => {
        throw apiError(
          "CONFLICT",
          "CONFLICT",
          'Your tier "Rose club" already starts at 500 coins; pick another threshold.',
        );
      },
    });
    fillNewTier("Other", "500");
    expect((await within(addTier()).findByRole("alert")).textContent).toContain(
      "pick another threshold",
    );
  });

  it("edits and archives a tier", async () => {
    let tiers = [tier];
    const fake = renderSection(PerksSection, {
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
    const card = await screen.findByRole("listitem", { name: "Rose club" });
    fireEvent.click(within(card).getByRole("button", { name: "Edit" }));
    fireEvent.change(within(card).getByLabelText("Name"), { target: { value: "Rose society" } });
    fireEvent.click(within(card).getByRole("button", { name: "Save tier" }));
    const renamed = await screen.findByRole("listitem", { name: "Rose society" });
    expect(fake.inputsOf("perks.update")[0]).toMatchObject({
      id: tier.id,
      name: "Rose society",
      minCoins: 500,
    });

    pressConfirmed(renamed, {
      button: "Archive",
      question: "Archive “Rose society”? Supporters stop seeing it; its history stays.",
    });
    await screen.findByText("No tiers yet. Add your first one above.");
  });
});
