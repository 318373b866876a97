// Reports: a new report built by ticking (the query text follows, Preview shows rows, the
// schedule reads back in local time), saved into the list; one of Microsoft's own reports
// previewed (revenue hidden), scheduled and run once now by its id; Pause, and Delete after asking.
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
    expect(b.reportCatalogue).toHaveBeenCalledWith("sample", false);
    // Where a month is picked, when a month's figures are final; revenue is marked before it is ticked.
    expect(screen.getByTestId("report-builder").textContent).toContain("final by the 15th of the next month");
    const revenue = within(screen.getByTestId("report-columns")).getByTestId("report-columns-BilledRevenueUSD");
    expect(revenue.parentElement?.textContent).toContain("needs the Executive report viewer role");
    expect(screen.getByTestId("report-columns").textContent).toContain("top parent ID");

    // The query text waits under Advanced.
    expect(screen.queryByTestId("report-query-text")).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: /Advanced: the query/ }));
    const text = () => (screen.getByTestId("report-query-text") as HTMLTextAreaElement).value;
    expect(text()).toBe("");
    expect((screen.getByTestId("report-save") as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(within(screen.getByTestId("report-columns")).getByLabelText("Customer name"));
    await userEvent.click(within(screen.getByTestId("report-metrics")).getByLabelText("Total active seats"));
    await waitFor(() => expect(text()).toBe("SELECT CustomerName, TotalActiveSeats FROM DynamicsUsage TIMESPAN LAST_3_MONTHS"));

    // A filter: column, condition, and a value picked from what the service holds; the query follows.
    await userEvent.click(screen.getByTestId("add-query-filter"));
    await waitFor(() => expect(b.previewReport).toHaveBeenCalledWith("sample", expect.objectContaining({ columns: ["CustomerName"], metrics: [] })));
    await userEvent.click(screen.getByTestId("query-filter-0-value"));
    await userEvent.click(await screen.findByRole("option", { name: "Fabrikam" }));
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
    expect(screen.queryByTestId("schedule-note")).toBeNull();
    // A first run too soon for the service: the form says when it will be, and why.
    await userEvent.clear(screen.getByTestId("schedule-time"));
    await userEvent.type(screen.getByTestId("schedule-time"), "01:00");
    await waitFor(() => expect(screen.getByTestId("schedule-note").textContent).toContain("4 hours ahead"));
    await userEvent.clear(screen.getByTestId("schedule-time"));
    await userEvent.type(screen.getByTestId("schedule-time"), "07:30");
    await waitFor(() => expect(screen.getByTestId("schedule-summary").textContent).toBe("Every day at 07:30"));
    await expectAccessible();

    await userEvent.clear(screen.getByTestId("report-name"));
    await userEvent.type(screen.getByTestId("report-name"), "Seats daily");
    await userEvent.click(screen.getByTestId("report-save"));
    await waitFor(() =>
      expect(b.createReport).toHaveBeenCalledWith(
        "sample",
        "Seats daily",
        expect.objectContaining({ dataset: "DynamicsUsage", columns: ["CustomerName"], metrics: ["TotalActiveSeats"], filters: [{ column: "CustomerName", op: "eq", values: ["Fabrikam"] }] }),
        expect.objectContaining({ repeat: { kind: "daily" }, time: "07:30", format: "csv" }),
      ),
    );
    const row = await screen.findByTestId("report-Seats daily");
    expect(within(row).getByTestId("report-status").textContent).toBe("Active");
    expect(row.textContent).toContain("Every day at 07:30");
  });

  it("starts from one of Microsoft's reports: preview with revenue hidden, schedule by its id, run once now", async () => {
    const b = mockBackend();
    renderApp(b, "#/reports");
    await userEvent.click(await screen.findByTestId("new-report"));
    const list = await screen.findByTestId("system-reports");
    expect(screen.getByTestId("catalogue-read").textContent).toContain("read");
    const revenueCard = within(list).getByTestId("system-report-c0ffee00-0000-4000-8000-000000000001");
    expect(within(revenueCard).getByTestId("system-report-revenue").textContent).toContain("Executive report viewer");
    await expectAccessible();

    await userEvent.click(within(revenueCard).getByTestId("system-report-preview"));
    const table = await screen.findByTestId("preview-table");
    expect(b.previewQuery).toHaveBeenCalledWith("sample", "c0ffee00-0000-4000-8000-000000000001");
    expect(within(table).getAllByText("Hidden")).toHaveLength(2);
    expect(screen.getByTestId("preview-hidden").textContent).toContain("Billed revenue USD");
    expect((screen.getByTestId("report-name") as HTMLInputElement).value).toBe("Revenue, last 6 months");
    await userEvent.click(screen.getByTestId("report-save"));
    await waitFor(() =>
      expect(b.createReportFromQuery).toHaveBeenCalledWith("sample", "Revenue, last 6 months", "c0ffee00-0000-4000-8000-000000000001", expect.objectContaining({ repeat: { kind: "daily" } })),
    );
    expect(await screen.findByTestId("report-Revenue, last 6 months")).toBeTruthy();

    // Run once now, straight from the card.
    await userEvent.click(screen.getByTestId("new-report"));
    const first = await screen.findByTestId("system-report-bb1c6f17-6d7b-4bd4-9e0e-b8c5b5a5b5a5");
    await userEvent.click(within(first).getByTestId("system-report-run"));
    await waitFor(() =>
      expect(b.createReportFromQuery).toHaveBeenCalledWith("sample", "Dynamics 365 licences, last 6 months", "bb1c6f17-6d7b-4bd4-9e0e-b8c5b5a5b5a5", expect.objectContaining({ repeat: { kind: "once" } })),
    );
    expect(await screen.findByTestId("report-started")).toBeTruthy();
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
