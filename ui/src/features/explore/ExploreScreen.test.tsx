// Explore over the mock backend: the answer in words, regrouping by week, a filter picked from
// the value list, the filter as text with the parser's message, drilling, the rows behind a
// group, export through the Save dialog, saving a view; and no accessibility violation.
import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockBackend } from "../../test/mockBackend";
import { renderApp } from "../../test/render";
import { expectAccessible } from "../../test/axe";
import { parseHash } from "../../app/router";

const lastView = () => parseHash(window.location.hash)?.view;

describe("Explore", () => {
  it("shows the answer with its columns in words, and regroups by week", async () => {
    const b = mockBackend();
    renderApp(b, "#/explore?account=sample");
    const table = await screen.findByTestId("answer-table");
    const headers = within(table).getAllByRole("columnheader").map((h) => h.textContent);
    expect(headers).toEqual(["Creation date", "Subscription type", "Subscriptions", "Licences", "Actions"]);
    expect(table.textContent).not.toContain("sum_");
    // Newest period first, as a report reads; the oldest last.
    const lines = within(table).getAllByRole("row");
    expect(lines[1].textContent).toContain("Nov 2026");
    expect(lines[lines.length - 1].textContent).toContain("Sep 2026");
    const sepOffice = lines.find((l) => l.textContent?.includes("Sep 2026") && l.textContent.includes("Office"));
    expect(sepOffice?.textContent).toContain("1,200");
    expect(screen.getByTestId("answer-count").textContent).toMatch(/^\d+ lines, one per month and subscription type$/);
    expect(screen.getByTestId("answer-chart").getAttribute("data-periods")).toBe("3");
    await expectAccessible();

    await userEvent.click(screen.getByTestId("period-week"));
    await waitFor(() => expect(lastView()?.date?.period).toBe("week"));
    await waitFor(() => expect(screen.getByTestId("answer-table").textContent).toContain("W37 2026"));
    expect(b.explore).toHaveBeenLastCalledWith("sample", expect.objectContaining({ date: { field: "creationDate", period: "week" } }), expect.any(String));
    // Back goes back to months.
    window.history.back();
    await waitFor(() => expect(lastView()?.date?.period ?? "month").toBe("month"));
  });

  it("answers as of an earlier day's copy of the data, and says so", async () => {
    const b = mockBackend();
    renderApp(b, "#/explore?account=sample");
    await screen.findByTestId("answer-table");
    await userEvent.click(await screen.findByTestId("as-of"));
    await userEvent.click(await screen.findByRole("option", { name: /Nov 23, 2026/ }));
    await waitFor(() => expect(lastView()?.asOf).toBe("2026-11-23"));
    expect(b.explore).toHaveBeenLastCalledWith("sample", expect.objectContaining({ asOf: "2026-11-23" }), expect.any(String));
    expect(screen.getByText(/Showing the data as it was on Nov 23, 2026/)).toBeTruthy();
    await expectAccessible();
  });

  it("adds a filter picked from the field's values, as a chip", async () => {
    const b = mockBackend();
    renderApp(b, "#/explore?account=sample");
    await screen.findByTestId("answer-table");
    await userEvent.click(screen.getByTestId("add-filter"));
    await userEvent.click(await screen.findByTestId("filter-field-subscriptionType"));
    const list = await screen.findByTestId("value-list");
    await userEvent.click(within(list).getByLabelText("Office"));
    await expectAccessible();
    await userEvent.click(screen.getByTestId("apply-filter"));
    await waitFor(() =>
      expect(lastView()?.filters).toEqual([{ kind: "values", field: "subscriptionType", values: ["Office"], exclude: false }]),
    );
    expect((await screen.findByTestId("filter-chip")).textContent).toContain("Subscription type is Office");
    expect(b.fieldValues).toHaveBeenCalledWith("sample", "subscriptions", null, "subscriptionType", null);
  });

  it("shows the filter as text, and a mistake in plain words with where it is", async () => {
    renderApp(mockBackend(), "#/explore?account=sample");
    await screen.findByTestId("answer-table");
    await userEvent.click(screen.getByTestId("edit-as-text"));
    const area = screen.getByTestId("filter-text");
    await userEvent.type(area, "status eq 'ACTIVE' or");
    await userEvent.click(screen.getByTestId("apply-filter-text"));
    expect(await screen.findByText(/The filter ends too early \(at character 22\)/)).toBeTruthy();
    await expectAccessible();
  });

  it("drills into a group from the chart and the breadcrumb goes back", async () => {
    const b = mockBackend();
    renderApp(b, "#/explore?account=sample");
    await screen.findByTestId("answer-table");
    const v = lastView() ?? (await b.datasetInfo.mock.results[0].value).defaultView;
    const drilled = await b.drill(v, { x: "2026-09-01", series: ["Office"] });
    window.history.pushState(null, "", `#/explore?account=sample&view=${encodeURIComponent(JSON.stringify(drilled))}`);
    window.dispatchEvent(new PopStateEvent("popstate"));
    const trail = await screen.findByTestId("drill-trail");
    expect(trail.textContent).toContain("Subscription type is Office");
    await userEvent.click(within(trail).getByTestId("drill-back"));
    await waitFor(() => expect(lastView()?.drill).toEqual([]));
  });

  it("shows the rows behind a group, a page at a time", async () => {
    const b = mockBackend();
    renderApp(b, "#/explore?account=sample");
    await screen.findByTestId("answer-table");
    const sepOffice = within(screen.getByTestId("answer-table"))
      .getAllByRole("row")
      .find((l) => l.textContent?.includes("Sep 2026") && l.textContent.includes("Office"))!;
    await userEvent.click(within(sepOffice).getByTestId("see-rows"));
    const panel = await screen.findByTestId("rows-panel");
    await waitFor(() => expect(within(panel).getByTestId("rows-count").textContent).toContain("1,000 rows"));
    expect(b.rows).toHaveBeenCalledWith(
      "sample",
      expect.anything(),
      expect.objectContaining({ group: [{ field: "creationDate", value: "2026-09-01" }, { field: "subscriptionType", value: "Office" }] }),
      expect.any(String),
      0,
      200,
    );
    expect(within(panel).getByTestId("rows-table").textContent).toContain("Customer 0");
    await expectAccessible();
  });

  it("exports the table as shown through the Save dialog, then says where it went", async () => {
    const b = mockBackend();
    renderApp(b, "#/explore?account=sample");
    await screen.findByTestId("answer-table");
    await userEvent.click(screen.getByTestId("export"));
    await userEvent.click(await screen.findByTestId("export-xlsx"));
    await waitFor(() => expect(b.exportView).toHaveBeenCalled());
    const [, , source, , path] = b.exportView.mock.calls[0];
    expect(source).toEqual({ kind: "answer", layout: { columns: ["creationDate", "subscriptionType", "count", "sum_licenseCount"], sort: null, search: null, emptyPeriods: false } });
    expect(path).toMatch(/\.xlsx$/);
    const toast = await screen.findByTestId("saved-toast");
    // The file's name, not its folder path (the folder is one click away).
    const cut = path.lastIndexOf("/");
    expect(cut).toBeGreaterThan(0);
    expect(toast.textContent).toContain(path.slice(cut + 1));
    expect(toast.textContent).not.toContain(path.slice(0, cut));
    await userEvent.click(within(toast).getByText("Show in folder"));
    expect(b.showInFolder).toHaveBeenCalledWith(path);
  });

  it("saves the question as a view, listed on Home", async () => {
    const b = mockBackend();
    renderApp(b, "#/explore?account=sample");
    await screen.findByTestId("answer-table");
    await userEvent.click(screen.getByTestId("save-view"));
    const name = await screen.findByTestId("view-name");
    await userEvent.clear(name);
    await userEvent.type(name, "Seats by month");
    await expectAccessible();
    await userEvent.click(screen.getByTestId("confirm-save-view"));
    await waitFor(() => expect(b.saveView).toHaveBeenCalledWith("Seats by month", expect.objectContaining({ dataset: "subscriptions" })));
    await userEvent.click(screen.getByTestId("nav-home"));
    expect((await screen.findByTestId("saved-views")).textContent).toContain("Seats by month");
  });

  it("schedules the question on this computer, listed in Reports", async () => {
    const b = mockBackend();
    renderApp(b, "#/explore?account=sample");
    await screen.findByTestId("answer-table");
    await userEvent.click(screen.getByTestId("schedule-view"));
    const name = await screen.findByTestId("schedule-name");
    await userEvent.clear(name);
    await userEvent.type(name, "Morning seats");
    // Ready to save at once: the files go to the report library unless another folder is chosen.
    await waitFor(() => expect(screen.getByTestId("schedule-dialog").textContent).toContain("/home/alex/Documents/Partner Lens"));
    expect((screen.getByTestId("schedule-save") as HTMLButtonElement).disabled).toBe(false);
    await userEvent.click(screen.getByTestId("schedule-folder"));
    await waitFor(() => expect(screen.getByTestId("schedule-dialog").textContent).toContain("/home/alex/Reports"));
    await expectAccessible();
    await userEvent.click(screen.getByTestId("schedule-save"));
    await waitFor(() =>
      expect(b.saveSchedule).toHaveBeenCalledWith(
        // A view by month runs monthly, on the 1st.
        expect.objectContaining({ name: "Morning seats", view: "Morning seats", account: "sample", cadence: { kind: "monthly", day: 1 }, time: "07:00", folder: "/home/alex/Reports" }),
      ),
    );
    expect(b.saveView).toHaveBeenCalledWith("Morning seats", expect.objectContaining({ dataset: "subscriptions" }));
    await userEvent.click(screen.getByTestId("nav-reports"));
    const list = await screen.findByTestId("local-schedules");
    await waitFor(() => expect(list.textContent).toContain("Morning seats"));
    expect(list.textContent).toContain("Every day at 07:00");
  });

  it("an error with Edit filter opens the filter text", async () => {
    const b = mockBackend({
      explore: async () => {
        throw { code: "bad_filter", message: "The filter is not right: \"colour\" is not a field of subscriptions", action: "editFilter", detail: null };
      },
    });
    renderApp(b, "#/explore?account=sample");
    const bar = await screen.findByTestId("error-bar");
    expect(bar.textContent).toContain("Check the filter");
    await userEvent.click(within(bar).getByRole("button", { name: "Edit filter" }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("filter-text").querySelector("textarea") ?? screen.getByTestId("filter-text")));
  });
});
