// Reports: a new report built by ticking (the query text follows, Preview shows rows, the
// schedule reads back in local time), saved into the list; Pause, and Delete after asking.
import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockBackend } from "../../test/mockBackend";
import { renderApp } from "../../test/render";
import { expectAccessible } from "../../test/axe";
describe("Reports", () => {
    it("builds, previews, schedules and lists a report", async () => {
        const b = mockBackend();
        renderApp(b, "#/reports");
        expect(await screen.findByTestId("no-reports")).toBeTruthy();
        await userEvent.click(screen.getByTestId("new-report"));
        await userEvent.click(await screen.findByTestId("catalogue-DynamicsUsage"));
        expect(b.reportCatalogue).toHaveBeenCalledWith("sample");
        const text = () => screen.getByTestId("report-query-text").value;
        expect(text()).toBe("");
        expect(screen.getByTestId("report-save").disabled).toBe(true);
        await userEvent.click(within(screen.getByTestId("report-columns")).getByLabelText("Customer name"));
        await userEvent.click(within(screen.getByTestId("report-metrics")).getByLabelText("Total active seats"));
        await waitFor(() => expect(text()).toBe("SELECT CustomerName, TotalActiveSeats FROM DynamicsUsage TIMESPAN LAST_3_MONTHS"));
        // A filter: column, condition, value; the query follows.
        await userEvent.click(screen.getByTestId("add-query-filter"));
        await userEvent.type(screen.getByTestId("query-filter-0-value"), "Fabrikam");
        await waitFor(() => expect(text()).toContain("WHERE CustomerName = 'Fabrikam'"));
        // The search narrows the list of columns.
        await userEvent.type(within(screen.getByTestId("report-columns")).getByRole("searchbox"), "seat");
        expect(within(screen.getByTestId("report-columns")).queryByLabelText("Customer name")).toBeNull();
        await userEvent.click(screen.getByTestId("report-preview"));
        const table = await screen.findByTestId("preview-table");
        expect(within(table).getByText("Customer name")).toBeTruthy();
        expect(within(table).getByText("Fabrikam")).toBeTruthy();
        // The schedule in words, with the next runs in local time and the zone named.
        await userEvent.clear(screen.getByTestId("schedule-time"));
        await userEvent.type(screen.getByTestId("schedule-time"), "07:30");
        await waitFor(() => expect(screen.getByTestId("schedule-summary").textContent).toBe("Every day at 07:30"));
        expect(screen.getByTestId("schedule-plan").textContent).toContain("Europe/Paris");
        expect(within(screen.getByTestId("schedule-next-runs")).getAllByRole("listitem")).toHaveLength(3);
        await expectAccessible();
        await userEvent.clear(screen.getByTestId("report-name"));
        await userEvent.type(screen.getByTestId("report-name"), "Seats daily");
        await userEvent.click(screen.getByTestId("report-save"));
        await waitFor(() => expect(b.createReport).toHaveBeenCalledWith("sample", "Seats daily", expect.objectContaining({ dataset: "DynamicsUsage", columns: ["CustomerName"], metrics: ["TotalActiveSeats"], filters: [{ column: "CustomerName", op: "eq", values: ["Fabrikam"] }] }), expect.objectContaining({ repeat: { kind: "daily" }, time: "07:30", format: "csv" })));
        const row = await screen.findByTestId("report-Seats daily");
        expect(within(row).getByTestId("report-status").textContent).toBe("Active");
        expect(row.textContent).toContain("Every day at 07:30");
    });
    it("pauses a report, and deletes it only after asking", async () => {
        const b = mockBackend();
        await b.createReport("sample", "Seats weekly", { dataset: "DynamicsUsage", columns: ["CustomerName"] }, { repeat: { kind: "daily" }, time: "08:00", format: "tsv" });
        renderApp(b, "#/reports");
        const row = await screen.findByTestId("report-Seats weekly");
        await userEvent.click(within(row).getByTestId("report-actions"));
        await userEvent.click(await screen.findByRole("menuitem", { name: "Pause" }));
        await waitFor(() => expect(within(screen.getByTestId("report-Seats weekly")).getByTestId("report-status").textContent).toBe("Paused"));
        await userEvent.click(within(screen.getByTestId("report-Seats weekly")).getByTestId("report-actions"));
        await userEvent.click(await screen.findByRole("menuitem", { name: "Delete…" }));
        const dialog = await screen.findByTestId("delete-report-dialog");
        expect(dialog.textContent).toContain("The files already downloaded stay");
        // By test id, as the confirm button below: while the actions menu closes, the dialog can
        // still be hidden from the accessibility tree, so a role query may not see it yet.
        const keep = within(dialog).getByTestId("delete-report-keep");
        expect(keep.textContent).toBe("Keep it");
        await userEvent.click(keep);
        expect(b.deleteReport).not.toHaveBeenCalled();
        await userEvent.click(within(screen.getByTestId("report-Seats weekly")).getByTestId("report-actions"));
        await userEvent.click(await screen.findByRole("menuitem", { name: "Delete…" }));
        await userEvent.click(within(await screen.findByTestId("delete-report-dialog")).getByTestId("delete-report-confirm"));
        await waitFor(() => expect(b.deleteReport).toHaveBeenCalledWith("sample", "r1"));
        expect(await screen.findByTestId("no-reports")).toBeTruthy();
    });
});
