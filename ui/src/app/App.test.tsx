// The frame: the first run, the navigation, reopening where the person left off, errors.
import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockBackend } from "../test/mockBackend";
import { appInfo } from "../test/fixtures";
import { renderApp } from "../test/render";
import { expectAccessible } from "../test/axe";
import { TITLES } from "../backend/errors";

describe("first run", () => {
  it("offers the two ways in, and the sample data reaches Explore in one click", async () => {
    const b = mockBackend({}, appInfo({ accounts: [], settings: { theme: "light", sampleData: false, lastRoute: null, defaultAccount: null } }));
    renderApp(b);
    await screen.findByRole("heading", { name: "Welcome to Partner Lens" });
    expect(await screen.findByRole("button", { name: "Sign in with Microsoft" })).toBeTruthy();
    expect(screen.queryByRole("navigation", { name: "Main" })).toBeNull();
    await expectAccessible();
    await userEvent.click(screen.getByRole("button", { name: "Try with sample data" }));
    await screen.findByTestId("screen-explore");
    expect(b.startSample).toHaveBeenCalledTimes(1);
    await screen.findByTestId("answer-table");
    expect(window.location.hash).toMatch(/^#\/explore\?account=sample/);
    expect(screen.getByTestId("sample-badge").textContent).toBe("Sample data");
  });

  it("signs in with one click and nothing typed, then opens Home for the new account", async () => {
    const b = mockBackend({}, appInfo({ accounts: [], settings: { theme: "light", sampleData: false, lastRoute: null, defaultAccount: null } }));
    renderApp(b);
    await userEvent.click(await screen.findByRole("button", { name: "Sign in with Microsoft" }));
    await screen.findByTestId("screen-home");
    expect(b.signInNew).toHaveBeenCalledWith("global", expect.any(String));
    expect(window.location.hash).toMatch(/account=contoso-ltd/);
    expect(screen.queryByRole("textbox")).toBeNull();
  });

  it("says plainly when this copy has no sign-in of its own, and points to the IT setup", async () => {
    const b = mockBackend(
      {
        signInSetup: async () => ({
          ready: false,
          problem: "This copy of Partner Lens was built without its own Microsoft sign-in, so it cannot sign you in by itself.",
          byOrganisation: false,
          policySource: null,
          fixedCloud: null,
          browser: true,
          deviceCode: true,
          itSetup: true,
          itMethods: ["browser"],
        }),
      },
      appInfo({ accounts: [], settings: { theme: "light", sampleData: false, lastRoute: null, defaultAccount: null } }),
    );
    renderApp(b);
    expect((await screen.findByTestId("sign-in-unavailable")).textContent).toContain("built without its own Microsoft sign-in");
    expect(screen.queryByTestId("sign-in-microsoft")).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Set up by your IT department" }));
    await screen.findByTestId("screen-accounts");
  });
});

describe("the frame", () => {
  it("has the six places, labelled exactly, and collapses to icons", async () => {
    renderApp(mockBackend(), "#/home");
    const nav = await screen.findByRole("navigation", { name: "Main" });
    const labels = within(nav).getAllByRole("listitem").map((li) => li.textContent);
    expect(labels).toEqual(["Home", "Explore", "Reports", "Downloads", "Accounts", "Settings"]);
    await userEvent.click(within(nav).getByRole("button", { name: "Hide labels" }));
    expect(within(nav).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["", "", "", "", "", ""]);
    expect(within(nav).getByRole("button", { name: "Reports" })).toBeTruthy();
    await expectAccessible();
  });

  it("reopens where the person left off and remembers each place", async () => {
    const b = mockBackend({}, appInfo({ settings: { theme: "light", sampleData: true, lastRoute: "#/settings", defaultAccount: null } }));
    renderApp(b);
    await screen.findByTestId("screen-settings");
    await userEvent.click(screen.getByTestId("nav-reports"));
    await screen.findByTestId("screen-reports");
    await waitFor(() => expect(b.updateSettings).toHaveBeenCalledWith({ lastRoute: "#/reports?account=sample" }));
  });

  it("screens with nothing yet say what will be there", async () => {
    for (const [hash, id] of [
      ["#/reports", "no-reports"],
      ["#/downloads", "no-downloads"],
    ]) {
      const view = renderApp(mockBackend(), hash);
      const box = await screen.findByTestId(id);
      expect(box.textContent!.length).toBeGreaterThan(80);
      await expectAccessible();
      view.unmount();
    }
  });

  it("an error when starting shows plain words and a working Try again", async () => {
    let calls = 0;
    const b = mockBackend({
      appInfo: async () => {
        calls++;
        if (calls === 1) throw { code: "settings", message: "The account settings could not be read.", action: "retry", detail: null };
        return appInfo();
      },
    });
    renderApp(b, "#/home");
    expect((await screen.findByTestId("error-bar")).textContent).toContain(TITLES.settings);
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));
    await screen.findByTestId("screen-home");
  });
});
