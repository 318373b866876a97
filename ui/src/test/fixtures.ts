// Small, realistic answers for the UI tests, typed by the generated bindings (so a change in
// the backend's shapes fails the type check here too).
import type { AccountView, AppInfo, CatalogueView, DatasetCard, DatasetInfo, ExploreAnswer, FetchReport, FieldInfo, HomeSummary, ReportFile, RowsPage, SystemReport, View } from "../backend";

function field(name: string, label: string, kind: FieldInfo["kind"], groupable = true): FieldInfo {
  return {
    name,
    label,
    kind,
    groupable: groupable && kind !== "dateTime",
    filter: kind === "dateTime" ? "dates" : kind === "bool" ? "flag" : "values",
    serviceFilters: true,
    numeric: kind === "int" || kind === "float",
    hidden: false,
  };
}

export const SAMPLE: AccountView = {
  id: "sample",
  name: "Contoso (sample)",
  cloud: "Sample data",
  cloudKind: "sample",
  tenant: "contoso-sample",
  clientId: "sample",
  method: "browser",
  username: "alex@contoso.onmicrosoft.com",
  sample: true,
  isDefault: false,
  state: { kind: "signedIn", who: "Alex Wilber (sample)" },
  checkedAt: null,
  everSignedIn: true,
  warning: null,
  access: [],
  revenueHidden: false,
};

/// A real-looking account in a given state.
export function account(id: string, name: string, over: Partial<AccountView> = {}): AccountView {
  return {
    id,
    name,
    cloud: "Global",
    cloudKind: "global",
    tenant: `${id}.onmicrosoft.com`,
    clientId: "11111111-2222-3333-4444-555555555555",
    method: "browser",
    username: null,
    sample: false,
    isDefault: false,
    state: { kind: "signedIn", who: `alex@${id}.com` },
    checkedAt: Math.floor(Date.now() / 1000) - 60,
    everSignedIn: true,
    warning: null,
    access: [],
    revenueHidden: false,
    ...over,
  };
}

export function homeSummary(): HomeSummary {
  const v = (dataset: View["dataset"]): View => defaultView(dataset);
  return {
    period: "November 2026",
    tiles: [
      { dataset: "subscriptions", title: "Active subscriptions", value: 1204, previous: 1168, detail: "at the end of November, up 3.1% on October", source: "Worked out on this computer from the 600 rows fetched.", view: v("subscriptions") },
      { dataset: "azureUsage", title: "Azure usage", value: 182, previous: 150, detail: "in November, up 21% on October", source: "Worked out on this computer from the 1,800 rows fetched.", view: v("azureUsage") },
    ],
    highlights: [
      { dataset: "azureUsage", kind: "rise", sentence: "Azure usage in West Europe rose 42% in November, most of it from Fabrikam.", view: v("azureUsage") },
      { dataset: "subscriptions", kind: "gone", sentence: "New subscriptions of type Azure stopped in November: 5 subscriptions in October, none in November.", view: v("subscriptions") },
    ],
    renewals: {
      within30: 1,
      within60: 2,
      within90: 3,
      customers: [
        { customer: "Fabrikam", subscriptions: 2, licences: 8, firstEnd: "2026-12-20" },
        { customer: "Contoso", subscriptions: 1, licences: 7, firstEnd: "2027-02-20" },
      ],
      suspended: [{ customer: "Litware", subscriptions: 1, licences: 4, firstEnd: null }],
      endingView: v("subscriptions"),
      suspendedView: v("subscriptions"),
    },
    sinceLastVisit: "Since Monday: 2 new subscriptions, 1 suspended.",
  };
}

export function appInfo(over: Partial<AppInfo> = {}): AppInfo {
  return {
    version: "0.1.0",
    accounts: [SAMPLE],
    datasets: [
      { id: "subscriptions", title: "Subscriptions" },
      { id: "azureUsage", title: "Azure usage" },
      { id: "indirectResellers", title: "Indirect resellers" },
      { id: "search", title: "Search" },
      { id: "referrals", title: "Referrals" },
    ],
    settings: { theme: "light", sampleData: true, lastRoute: null, defaultAccount: null, snapshotDays: 90, lastVisit: null },
    dataDir: "/home/alex/.local/share/Partner Lens",
    logsDir: "/home/alex/.local/state/partner-lens/logs",
    cacheBytes: 48_000,
    lastCrash: null,
    keyringNote: null,
    ...over,
  };
}

export function defaultView(dataset: View["dataset"]): View {
  return dataset === "azureUsage"
    ? { dataset, filters: [], groupBy: ["meterCategory"], date: { field: "usageDate", period: "month" }, metrics: [], fillGaps: true, chart: "auto", drill: [] }
    : { dataset, filters: [], groupBy: ["subscriptionType"], date: { field: "creationDate", period: "month" }, metrics: [], fillGaps: true, chart: "auto", drill: [] };
}

export function datasetInfo(dataset: View["dataset"]): DatasetInfo {
  const usage = dataset === "azureUsage";
  const fields = usage
    ? [
        field("customerName", "Customer name", "str"),
        field("usageDate", "Usage date", "dateTime"),
        field("meterCategory", "Meter category", "str"),
        field("resourceLocation", "Resource location", "str"),
        field("quantity", "Quantity", "int", false),
      ]
    : [
        field("customerName", "Customer name", "str"),
        field("status", "Status", "str"),
        field("subscriptionType", "Subscription type", "str"),
        field("autoRenewEnabled", "Auto-renew", "bool"),
        field("creationDate", "Creation date", "dateTime"),
        field("licenseCount", "Licences", "int", false),
      ];
  const count = { kind: "count" } as const;
  const sum = usage ? ({ kind: "sum", field: "quantity" } as const) : ({ kind: "sum", field: "licenseCount" } as const);
  return {
    id: dataset,
    title: usage ? "Azure usage" : "Subscriptions",
    rowsNoun: usage ? "Usage records" : "Subscriptions",
    fields,
    defaultDate: usage ? "usageDate" : "creationDate",
    defaultTerm: usage ? "meterCategory" : "subscriptionType",
    defaultMetrics: [count, sum],
    defaultView: defaultView(dataset),
    metrics: [
      { metric: count, label: usage ? "Usage records" : "Subscriptions" },
      { metric: sum, label: usage ? "Quantity" : "Licences" },
    ],
  };
}

export function report(rows = 600): FetchReport {
  return { rows, total: rows, pages: 1, badRows: 0, badRowExamples: [], fetchedAt: Math.floor(Date.now() / 1000) - 120, fromCache: false, note: null, filter: null };
}

/// The answer for subscriptions by type per month (or per week), two types, three periods.
export function answer(view: View): ExploreAnswer {
  const week = view.date?.period === "week";
  const x = week ? ["2026-09-07", "2026-09-14", "2026-09-21"] : ["2026-09-01", "2026-10-01", "2026-11-01"];
  const metric = view.dataset === "azureUsage" ? "quantity" : "licenseCount";
  const group = view.groupBy?.[0] ?? "subscriptionType";
  const values = group === "meterCategory" ? ["Storage", "Virtual Machines"] : ["Office", "Azure"];
  return {
    table: {
      columns: [
        { name: view.date?.field ?? "creationDate", kind: "date", values: [x[0], x[0], x[1], x[1], x[2], x[2]] },
        { name: group, kind: "text", values: [values[0], values[1], values[0], values[1], values[0], values[1]] },
        { name: "count", kind: "number", values: [12, 3, 14, 2, week ? 5 : 20, 4] },
        { name: `sum_${metric}`, kind: "number", values: [1200, 0, 1350, 0, 2012, 0] },
      ],
      rows: 6,
    },
    columns: [
      { name: view.date?.field ?? "creationDate", label: view.dataset === "azureUsage" ? "Usage date" : "Creation date", kind: "date", role: "period" },
      { name: group, label: group === "meterCategory" ? "Meter category" : "Subscription type", kind: "text", role: "group" },
      { name: "count", label: view.dataset === "azureUsage" ? "Usage records" : "Subscriptions", kind: "number", role: "metric" },
      { name: `sum_${metric}`, label: view.dataset === "azureUsage" ? "Quantity" : "Licences", kind: "number", role: "metric" },
    ],
    chart: {
      x,
      xField: null,
      seriesFields: [group],
      labels: x,
      series: [
        { name: values[0], keys: [values[0]], values: [12, 14, week ? 5 : 20] },
        { name: values[1], keys: [values[1]], values: [3, 2, 4] },
      ],
      metric: "count",
    },
    chartKind: "stacked",
    chartMetric: view.dataset === "azureUsage" ? "Usage records" : "Subscriptions",
    rowsMatched: 55,
    source: { tableRows: 600, fetchedAt: 1, serviceFilter: null, localFilter: null, summary: "Partner Lens grouped 600 rows on this computer." },
  };
}

export function rowsPage(offset: number, limit: number, total = 1000): RowsPage {
  const n = Math.max(0, Math.min(limit, total - offset));
  return {
    columns: [
      { name: "customerName", label: "Customer name", kind: "text", role: "field" },
      { name: "licenseCount", label: "Licences", kind: "number", role: "field" },
    ],
    page: {
      columns: [
        { name: "customerName", kind: "text", values: Array.from({ length: n }, (_, i) => `Customer ${offset + i}`) },
        { name: "licenseCount", kind: "number", values: Array.from({ length: n }, (_, i) => offset + i) },
      ],
      rows: n,
    },
    offset,
    total,
  };
}

export function datasetCard(over: Partial<DatasetCard> = {}): DatasetCard {
  return {
    name: "DynamicsUsage",
    title: "Dynamics usage",
    description: "Seats sold, assigned and used in Dynamics 365, by customer and month.",
    columns: [
      { name: "CustomerName", label: "Customer name", kind: "text", revenue: false, hint: null },
      { name: "Month", label: "Month", kind: "date", revenue: false, hint: null },
      { name: "AvailableSeats", label: "Available seats", kind: "number", revenue: false, hint: null },
      { name: "CustomerTpid", label: "Customer TPID", kind: "text", revenue: false, hint: "TPID: the customer's top parent ID at Microsoft" },
      { name: "BilledRevenueUSD", label: "Billed revenue USD", kind: "number", revenue: true, hint: "USD: US dollars" },
    ],
    metrics: [
      { name: "TotalActiveSeats", label: "Total active seats" },
      { name: "CustomerCount", label: "Customer count" },
    ],
    ranges: [
      { name: "LAST_MONTH", label: "Last month" },
      { name: "LAST_3_MONTHS", label: "Last 3 months" },
    ],
    minimumHours: 24,
    monthNote: "A month's figures are final by the 15th of the next month: until then, last month may be incomplete.",
    ...over,
  };
}

export function systemReport(over: Partial<SystemReport> = {}): SystemReport {
  return {
    id: "bb1c6f17-6d7b-4bd4-9e0e-b8c5b5a5b5a5",
    title: "Dynamics 365 licences, last 6 months",
    description: "Dynamics 365 licences per customer subscription, month by month: seats available, assigned and in use.",
    name: "Dynamics Usage",
    dataset: "DynamicsUsage",
    datasetTitle: "Dynamics 365 licences",
    query: "SELECT CustomerName,Month,AvailableSeats FROM DynamicsUsage TIMESPAN LAST_6_MONTHS",
    revenue: false,
    ...over,
  };
}

export function catalogueView(over: Partial<CatalogueView> = {}): CatalogueView {
  return {
    datasets: [datasetCard()],
    reports: [systemReport(), systemReport({ id: "c0ffee00-0000-4000-8000-000000000001", title: "Revenue, last 6 months", name: "Revenue", dataset: "DynamicsUsage", revenue: true, query: "SELECT CustomerName,BilledRevenueUSD FROM DynamicsUsage TIMESPAN LAST_6_MONTHS" })],
    readAt: 1796115600,
    stale: null,
    ...over,
  };
}

export function reportFile(over: Partial<ReportFile> = {}): ReportFile {
  return {
    id: "e1",
    account: "sample",
    accountName: "Sample data",
    reportId: "r1",
    reportName: "Seats daily",
    generatedAt: 1_796_104_800,
    status: "downloaded",
    path: "/home/alex/Documents/Partner Lens/Sample data/Seats daily/2026-12-01 0600.csv",
    rows: 1204,
    bytes: 48_000,
    format: "csv",
    error: null,
    recordedAt: 1_796_104_900,
    hiddenColumns: [],
    ...over,
  };
}
