import { describe, expect, it } from "vitest";
import { screen } from "@testing-library/react";
import { mockBackend } from "../../test/mockBackend";
import { renderApp } from "../../test/render";
import { expectAccessible } from "../../test/axe";

describe("Accounts", () => {
  it("lists the accounts from the one registry, the sample labelled", async () => {
    renderApp(mockBackend(), "#/accounts");
    const list = await screen.findByTestId("account-list");
    expect(list.textContent).toContain("Contoso (sample)");
    expect(list.textContent).toContain("Sample data");
    await expectAccessible();
  });
});
