// Downloads: each file with its report, account, rows and size; Open, Show in folder, Open in
// Explore (the file becomes the data source); a failed run in plain words with Retry.
import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockBackend } from "../../test/mockBackend";
import { reportFile } from "../../test/fixtures";
import { renderApp } from "../../test/render";
import { expectAccessible } from "../../test/axe";

describe("Downloads", () => {
  it("says what will be here before any file arrives", async () => {
    renderApp(mockBackend(), "#/downloads");
    expect((await screen.findByTestId("no-downloads")).textContent).toContain("even while the window is closed");
  });

  it("lists files, opens them, and explores one", async () => {
    const files = [
      reportFile(),
      reportFile({ id: "e2", reportName: "Revenue weekly", status: "failed", path: null, rows: null, bytes: null, error: "Partner Center could not make this file." }),
    ];
    const b = mockBackend({ listDownloads: async () => ({ files, library: "/home/alex/Documents/Partner Lens" }) });
    renderApp(b, "#/downloads");
    const row = await screen.findByTestId("download-Seats daily");
    expect(row.textContent).toContain("1,204");
    expect(row.textContent).toContain("Sample data");
    expect(screen.getByTestId("downloads-count").textContent).toBe("2 files");
    const failed = screen.getByTestId("download-Revenue weekly");
    expect(failed.textContent).toContain("Failed");
    expect(failed.textContent).toContain("Partner Center could not make this file.");
    await expectAccessible();

    await userEvent.click(within(failed).getByTestId("download-retry"));
    await waitFor(() => expect(b.retryDownload).toHaveBeenCalledWith("e2"));
    await userEvent.click(within(row).getByTestId("download-open"));
    expect(b.openDownload).toHaveBeenCalledWith("e1");
    await userEvent.click(within(row).getByTestId("download-explore"));
    await screen.findByTestId("screen-explore");
    await waitFor(() => expect(b.explore).toHaveBeenCalled());
    const view = b.explore.mock.calls.at(-1)![1];
    expect(view.file).toBe("e1");
    expect(b.loadDataset).not.toHaveBeenCalled();
    expect(await screen.findByText(/Exploring the report file "Seats daily"/)).toBeTruthy();
  });
});

describe("Downloads without the revenue role", () => {
  it("marks a file whose revenue Partner Center hid, and Explore says Hidden, never 0", async () => {
    const f = reportFile({ hiddenColumns: ["BilledRevenueUSD"] });
    const b = mockBackend({
      listDownloads: async () => ({ files: [f], library: "/home/alex/Documents/Partner Lens" }),
      downloadInfo: async (id) => {
        const base = await mockBackend().downloadInfo(id);
        return { ...base, fields: base.fields.map((x, i) => (i === 0 ? { ...x, hidden: true, numeric: false, groupable: false } : x)) };
      },
    });
    renderApp(b, "#/downloads");
    const row = await screen.findByTestId("download-Seats daily");
    expect(within(row).getByTestId("download-revenue-hidden").textContent).toBe("Revenue hidden");
    await userEvent.click(within(row).getByTestId("download-explore"));
    expect((await screen.findByTestId("revenue-hidden")).textContent).toContain("Executive report viewer");
  });
});
