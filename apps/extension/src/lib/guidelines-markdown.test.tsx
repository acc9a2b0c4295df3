import { cleanup, render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { GuidelinesMarkdown } from "./guidelines-markdown.tsx";

afterEach(cleanup);

describe("GuidelinesMarkdown", () => {
  it("renders headings, list items and bold runs, and leaves HTML as text", () => {
    const { container } = render(
      <GuidelinesMarkdown
        body={"# Rules\n\n- **Be kind.** Always.\n- <img src=x onerror=alert(1)>\n\nThe end."}
      />,
    );
    expect(container.querySelector("h3")?.textContent).toBe("Rules");
    expect([...container.querySelectorAll("li")].map((li) => li.textContent)).toEqual([
      "Be kind. Always.",
      "<img src=x onerror=alert(1)>",
    ]);
    expect(container.querySelector("strong")?.textContent).toBe("Be kind.");
    expect(container.querySelector("img")).toBeNull();
    expect(container.querySelector("p")?.textContent).toBe("The end.");
  });
});
