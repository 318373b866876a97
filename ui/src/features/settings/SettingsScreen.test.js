// Settings: theme, folders, clearing the cache (with a confirmation that says what is kept),
// version and licences.
import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockBackend } from "../../test/mockBackend";
import { renderApp } from "../../test/render";
import { expectAccessible } from "../../test/axe";
import { appInfo } from "../../test/fixtures";
describe("Settings", () => {
    it("switches the theme, opens folders and clears the cache after saying what is kept", async () => {
        const b = mockBackend();
        renderApp(b, "#/settings");
        await screen.findByTestId("screen-settings");
        await expectAccessible();
        await userEvent.click(screen.getByLabelText("Dark"));
        await waitFor(() => expect(b.updateSettings).toHaveBeenCalledWith({ theme: "dark" }));
        await waitFor(() => expect(document.querySelector("[data-theme=dark]")).toBeTruthy());
        await userEvent.click(screen.getAllByRole("button", { name: "Open folder" })[1]);
        expect(b.openPath).toHaveBeenCalledWith("/home/alex/.local/state/partner-lens/logs");
        await userEvent.click(screen.getByTestId("clear-cache"));
        // While it opens, the dialog can still be hidden from the accessibility tree (failed once
        // in CI on a slow run), so it is found whether or not it is yet.
        const dialog = await screen.findByRole("dialog", { hidden: true });
        expect(dialog.textContent).toContain("Your accounts, sign-ins, saved views, settings and report files are kept");
        await userEvent.click(within(dialog).getByTestId("confirm-clear"));
        await waitFor(() => expect(b.clearCache).toHaveBeenCalledTimes(1));
        expect(await screen.findByText(/Cleared 46\.88 KB/)).toBeTruthy();
        expect(screen.queryByTestId("last-crash")).toBeNull();
    });
    it("offers the last crash report, and says nothing when there is none", async () => {
        const path = "/home/alex/.local/state/partner-lens/logs/crash-20261201-093000.txt";
        const b = mockBackend({}, appInfo({ lastCrash: { path, when: "2026-12-01 09:30:00" } }));
        renderApp(b, "#/settings");
        const row = await screen.findByTestId("last-crash");
        expect(row.textContent).toContain("Partner Lens stopped unexpectedly on Dec 1, 2026, 09:30 AM");
        expect(row.textContent).toContain("no data or passwords");
        await userEvent.click(within(row).getByRole("button", { name: "Open report" }));
        expect(b.openPath).toHaveBeenCalledWith(path);
        await expectAccessible();
    });
    it("lists the open-source licences", async () => {
        renderApp(mockBackend(), "#/settings");
        await userEvent.click(await screen.findByRole("button", { name: "Open-source licences" }));
        const dialog = await screen.findByRole("dialog", { hidden: true });
        await waitFor(() => expect(dialog.textContent).toContain("polars 0.55.2"));
        expect(screen.getByText("Partner Lens 0.1.0, under the MIT licence.")).toBeTruthy();
        await expectAccessible();
    });
});
