// Small, hand-built answers shaped like the backend's.
import type { Answer, AppInfo, DatasetInfo, FetchReport } from "../backend";

export const appInfo: AppInfo = {
  version: "0.1.0",
  accounts: [{ id: "sample", name: "Contoso (sample)", cloud: "Custom", sample: true }],
};

export const subscriptionsInfo: DatasetInfo = {
  id: "subscriptions",
  title: "Subscriptions",
  defaultDate: "creationDate",
  defaultTerm: "subscriptionType",
  fields: [
    { name: "subscriptionType", label: "Subscription type", kind: "str", groupable: true },
    { name: "creationDate", label: "Creation date", kind: "dateTime", groupable: true },
    { name: "effectiveStartDate", label: "Effective start date", kind: "dateTime", groupable: true },
    { name: "licenseCount", label: "License count", kind: "int", groupable: false },
  ],
};

export const report: FetchReport = { rows: 600, total: 600, pages: 1, badRows: 0, badRowExamples: [], fetchedAt: 1_763_700_000, fromCache: false, note: null };

export function answer(period: "month" | "week"): Answer {
  const x = period === "month" ? ["2026-10-01", "2026-11-01"] : ["2026-10-26", "2026-11-02", "2026-11-09"];
  const labels = period === "month" ? ["Oct 2026", "Nov 2026"] : ["W44 2026", "W45 2026", "W46 2026"];
  const dates = period === "month" ? ["2026-10-01", "2026-10-01", "2026-11-01"] : ["2026-10-26", "2026-11-02", "2026-11-09", "2026-11-09"];
  const types = period === "month" ? ["Azure", "Office", "Office"] : ["Office", "Office", "Azure", "Office"];
  const counts = period === "month" ? [100, 200, 300] : [150, 150, 100, 200];
  const licences = period === "month" ? [0, 12000, 16062] : [6000, 6000, 0, 16062];
  return {
    table: {
      rows: dates.length,
      columns: [
        { name: "creationDate", kind: "date", values: dates },
        { name: "subscriptionType", kind: "text", values: types },
        { name: "count", kind: "number", values: counts },
        { name: "sum_licenseCount", kind: "number", values: licences },
      ],
    },
    chart: {
      x,
      labels,
      metric: "count",
      series: [{ name: "Office", values: x.map((_, i) => i + 1) }],
    },
  };
}
