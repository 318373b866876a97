import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { LoadProgress, Question } from "../../backend";
import { answer, appInfo, report, subscriptionsInfo } from "../../test/fixtures";

const backend = vi.hoisted(() => ({
  appInfo: vi.fn(),
  datasetInfo: vi.fn(),
  openCached: vi.fn(),
  loadDataset: vi.fn(),
  cancelJob: vi.fn(),
  ask: vi.fn(),
}));

vi.mock("../../backend", async () => {
  const errors = await vi.importActual<typeof import("../../backend/errors")>("../../backend/errors");
  return { backend, toUiError: errors.toUiError, describeError: errors.describeError };
});

// ECharts needs a canvas, which jsdom lacks; the chart itself is tested in the real window.
vi.mock("../../components/TrendChart", () => ({
  TrendChart: ({ chart }: { chart: { labels: string[] } }) => <div data-testid="trend-chart">{chart.labels.join("|")}</div>,
}));

import { SubscriptionsView } from "./SubscriptionsView";

function renderView() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <FluentProvider theme={webLightTheme}>
      <QueryClientProvider client={client}>
        <SubscriptionsView account={appInfo.accounts[0]} />
      </QueryClientProvider>
    </FluentProvider>,
  );
}

beforeEach(() => {
  vi.clearAllMocks();
  backend.datasetInfo.mockResolvedValue(subscriptionsInfo);
  backend.openCached.mockResolvedValue(null);
  backend.loadDataset.mockResolvedValue(report);
  backend.ask.mockImplementation(async (_a: string, _d: string, q: Question) => answer(q.date!.period as "month" | "week"));
  backend.cancelJob.mockResolvedValue(true);
});

describe("SubscriptionsView", () => {
  it("loads the data set once and shows totals, chart and table by month", async () => {
    renderView();
    expect(await screen.findByText("28,062")).toBeTruthy();
    expect(screen.getByTestId("kpi-subscriptions").textContent).toContain("600");
    expect(screen.getByTestId("trend-chart").textContent).toBe("Oct 2026|Nov 2026");
    const table = screen.getByTestId("group-table");
    expect(table.getAttribute("data-rows")).toBe("3");
    await waitFor(() => expect(within(table).getAllByText("Oct 2026").length).toBe(2));
    expect(within(table).getByText("16,062")).toBeTruthy();
    expect(backend.loadDataset).toHaveBeenCalledTimes(1);
    const q: Question = backend.ask.mock.calls[0][2];
    expect(q.groupBy).toEqual(["subscriptionType"]);
    expect(q.date).toEqual({ field: "creationDate", period: "month" });
    expect(q.metrics).toEqual([{ kind: "count" }, { kind: "sum", field: "licenseCount" }]);
  });

  it("regroups by week without fetching again", async () => {
    renderView();
    await screen.findByText("28,062");
    await userEvent.click(screen.getByTestId("period-week"));
    await waitFor(() => expect(screen.getByTestId("group-table").getAttribute("data-rows")).toBe("4"));
    expect(screen.getByTestId("trend-chart").textContent).toBe("W44 2026|W45 2026|W46 2026");
    expect(backend.ask.mock.calls.at(-1)![2].date.period).toBe("week");
    expect(backend.loadDataset).toHaveBeenCalledTimes(1);
  });

  it("shows progress while fetching and cancels the job", async () => {
    let resolve!: (r: typeof report) => void;
    backend.loadDataset.mockImplementation((_a: string, _d: string, _job: string, onProgress: (p: LoadProgress) => void) => {
      onProgress({ rows: 20000, total: 50000, pages: 2, pageCount: 5 });
      return new Promise((r) => (resolve = r));
    });
    renderView();
    expect(await screen.findByText("20,000 of 50,000 rows")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(backend.cancelJob).toHaveBeenCalledWith(backend.loadDataset.mock.calls[0][2]);
    resolve(report);
    await screen.findByText("28,062");
    expect(screen.queryByTestId("fetch-progress")).toBeNull();
  });

  it("explains a failed fetch in plain words and retries", async () => {
    backend.loadDataset.mockRejectedValueOnce({
      code: "unreachable",
      message: "Partner Center could not be reached. Check the internet connection.",
      action: "retry",
      detail: "phase: connect",
    });
    renderView();
    const bar = await screen.findByTestId("error-bar");
    expect(bar.textContent).toContain("Partner Center can't be reached");
    expect(bar.textContent).toContain("Check the internet connection.");
    expect(bar.textContent).toContain("phase: connect");
    await userEvent.click(within(bar).getByRole("button", { name: "Try again" }));
    expect(await screen.findByText("28,062")).toBeTruthy();
    expect(backend.loadDataset).toHaveBeenCalledTimes(2);
    expect(screen.queryByTestId("error-bar")).toBeNull();
  });

  it("shows the saved copy at once and keeps it when the refresh fails", async () => {
    backend.openCached.mockResolvedValue({ ...report, fetchedAt: 1_763_690_000, fromCache: true });
    let reject!: (e: unknown) => void;
    backend.loadDataset.mockImplementation(() => new Promise((_, r) => (reject = r)));
    renderView();
    expect(await screen.findByText("28,062")).toBeTruthy();
    expect(screen.getByTestId("subtitle").textContent).toContain("(saved copy)");
    expect(screen.getByTestId("fetch-progress").textContent).toContain("Fetching the latest subscriptions");
    reject({ code: "throttled", message: "Partner Center is limiting how fast we may ask (429). Tried 10 times.", action: "retry", detail: null });
    const bar = await screen.findByTestId("error-bar");
    expect(bar.textContent).toContain("Showing the copy saved at");
    expect(bar.textContent).toContain("Partner Center is limiting");
    expect(screen.getByText("28,062")).toBeTruthy();
  });
});
