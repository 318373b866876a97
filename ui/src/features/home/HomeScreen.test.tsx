// Home: what changed since the last visit, the tiles (each opening Explore), the highlights,
// the renewal radar with its export, a data set that could not be fetched, and "All accounts".
import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockBackend } from "../../test/mockBackend";
import { renderApp } from "../../test/render";
import { expectAccessible } from "../../test/axe";
import { SAMPLE, account, appInfo } from "../../test/fixtures";

describe("Home", () => {
  it("shows the tiles, highlights, renewal radar and what changed, each opening its question", async () => {
    const b = mockBackend();
    renderApp(b, "#/home");
    const tiles = await screen.findByTestId("tiles");
    expect(within(tiles).getByTestId("tile-subscriptions").textContent).toContain("Active subscriptions1,204at the end of November, up 3.1% on October");
    expect(screen.getByTestId("since-last-visit").textContent).toBe("Since Monday: 2 new subscriptions, 1 suspended.");
    expect(screen.getAllByTestId("highlight").map((h) => h.textContent)).toEqual([
      "Azure usage in West Europe rose 42% in November, most of it from Fabrikam.",
      "New subscriptions of type Azure stopped in November: 5 subscriptions in October, none in November.",
    ]);
    const radar = screen.getByTestId("renewal-radar");
    expect(within(radar).getByTestId("renewals-ending").textContent).toContain("Fabrikam28");
    expect(within(radar).getByTestId("renewals-suspended").textContent).toContain("Litware");
    // The data set that failed says why, and the rest still shows.
    expect(screen.getByTestId("note-bar").textContent).toBe("Referrals: This account may not read referrals.");
    expect(b.refreshAll).toHaveBeenCalledWith("sample", false, expect.any(String), expect.any(Function));
    await expectAccessible();

    await userEvent.click(within(radar).getByTestId("renewals-export"));
    await waitFor(() =>
      expect(b.exportView).toHaveBeenCalledWith("sample", expect.objectContaining({ dataset: "subscriptions" }), { kind: "rows", query: {}, columns: [] }, expect.any(String), expect.stringMatching(/Renewals .*\.xlsx$/)),
    );
    await userEvent.click(screen.getByTestId("home-refresh"));
    await waitFor(() => expect(b.refreshAll).toHaveBeenCalledWith("sample", true, expect.any(String), expect.any(Function)));
    await userEvent.click(within(tiles).getByTestId("tile-azureUsage"));
    await screen.findByTestId("screen-explore");
    expect(window.location.hash).toContain("azureUsage");
  });

  it("shows the tiles from Partner Center's monthly totals while the data sets are fetched the first time", async () => {
    let finish: (v: Awaited<ReturnType<typeof b.refreshAll>>) => void = () => {};
    const b = mockBackend({ refreshAll: () => new Promise((resolve) => (finish = resolve)) });
    renderApp(b, "#/home");
    const tiles = await screen.findByTestId("tiles");
    expect(tiles.dataset.ready).toBe("false");
    expect(within(tiles).getByTestId("tile-subscriptions").getAttribute("title")).toContain("Partner Center grouped the data");
    expect(screen.getByTestId("early-tiles-note").textContent).toContain("Partner Center's own monthly totals");
    expect(screen.getByTestId("page-subtitle").textContent).toMatch(/^Contoso \(sample\) · [A-Z][a-z]+ \d{4}, the last complete month$/);
    expect(b.homeTiles).toHaveBeenCalledWith("sample", expect.any(String));
    expect(b.home).not.toHaveBeenCalled();
    await expectAccessible();
    // The fetch done, Home is made from the rows: the note goes, the tiles say so.
    finish([{ dataset: "subscriptions", rows: 600, fetched: true, error: null }]);
    await waitFor(() => expect(screen.queryByTestId("early-tiles-note")).toBeNull());
    await waitFor(() => expect(within(screen.getByTestId("tiles")).getByTestId("tile-subscriptions").getAttribute("title")).toContain("Worked out on this computer"));
  });

  it("offers All accounts in the header and asks Home for all of them", async () => {
    const b = mockBackend({}, appInfo({ accounts: [SAMPLE, account("eu", "Contoso Europe")] }));
    renderApp(b, "#/home?account=all");
    await screen.findByTestId("tiles");
    expect(b.home).toHaveBeenCalledWith("all", expect.any(String));
    expect((screen.getByTestId("account-switcher") as HTMLButtonElement).textContent).toContain("All accounts");
    await userEvent.click(screen.getByTestId("account-switcher"));
    await userEvent.click(await screen.findByTestId("switch-eu"));
    await waitFor(() => expect(b.home).toHaveBeenCalledWith("eu", expect.any(String)));
  });
});

describe("Home for a person without the revenue role", () => {
  it("says revenue is hidden and what to ask for", async () => {
    const me = account("eu", "Contoso Europe", { isDefault: true, revenueHidden: true });
    renderApp(mockBackend({ checkAccount: async () => me }, appInfo({ accounts: [me] })), "#/home?account=eu");
    expect((await screen.findByTestId("revenue-hidden")).textContent).toContain("Ask your Partner Center admin for it");
  });
});
