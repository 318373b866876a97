// The one typed stand-in for the Rust backend that every UI test uses: the same functions as
// the real door (`Backend`), answering from fixtures, each a vitest spy so a test can check
// what the window asked for.
import { vi } from "vitest";
import type { Backend } from "../backend";
import type { AppInfo, FilterChip, LocalSchedule, ReportFile, ReportRow, SavedView, Settings, View } from "../backend";
import { SAMPLE, account, answer, appInfo, catalogueView, datasetCard, datasetInfo, homeSummary, report, reportFile, rowsPage } from "./fixtures";

type Spied<T> = { [K in keyof T]: T[K] & ReturnType<typeof vi.fn> };

export function mockBackend(over: Partial<Backend> = {}, info: AppInfo = appInfo()): Spied<Backend> {
  let settings: Settings = info.settings;
  let accounts = info.accounts;
  const views = new Map<string, SavedView>();
  let reports: ReportRow[] = [];
  let schedules: LocalSchedule[] = [];
  const text = (chips: FilterChip[]) =>
    chips.length
      ? chips.map((c) => (c.kind === "values" ? `${c.field} eq '${c.values[0]}'` : c.kind === "text" ? c.text : c.kind)).join(" and ")
      : null;
  const base: Backend = {
    appInfo: async () => ({ ...info, settings, accounts }),
    startSample: async () => {
      settings = { ...settings, sampleData: true };
      accounts = [SAMPLE];
      return accounts[0];
    },
    listAccounts: async () => accounts,
    checkAccount: async (id) => accounts.find((a) => a.id === id) ?? SAMPLE,
    addAccount: async (n) => {
      const a = account(n.name.toLowerCase().replace(/\W+/g, "-"), n.name, { method: n.method, tenant: n.tenant, clientId: n.clientId, state: { kind: "needsSignIn" } });
      accounts = [...accounts, a];
      return a;
    },
    chooseCertificateFile: async () => "/home/alex/certs/partner-lens.pfx",
    signInBrowser: async (id) => {
      accounts = accounts.map((a) => (a.id === id ? { ...a, state: { kind: "signedIn", who: "alex@contoso.com" }, warning: null } : a));
      return accounts.find((a) => a.id === id)!;
    },
    startDeviceSignIn: async () => ({ userCode: "HXQ4-T7PL", verificationUri: "https://microsoft.com/devicelogin", expiresAt: Math.floor(Date.now() / 1000) + 900 }),
    finishDeviceSignIn: () => new Promise(() => {}),
    openLink: async () => null,
    signInPassword: async () => {
      throw { code: "mfa_required", message: "Your organisation requires multi-factor sign-in.", action: "signIn", detail: "AADSTS50076" };
    },
    setAppCredential: async (id) => accounts.find((a) => a.id === id)!,
    renameAccount: async (id, name) => {
      accounts = accounts.map((a) => (a.id === id ? { ...a, name } : a));
      return accounts.find((a) => a.id === id)!;
    },
    makeDefaultAccount: async (id) => {
      settings = { ...settings, defaultAccount: id };
      accounts = accounts.map((a) => ({ ...a, isDefault: a.id === id }));
      return null;
    },
    signOut: async (id) => {
      accounts = accounts.map((a) => (a.id === id ? { ...a, state: { kind: "needsSignIn" } } : a));
      return accounts.find((a) => a.id === id)!;
    },
    removeAccount: async (id) => {
      accounts = accounts.filter((a) => a.id !== id);
      return null;
    },
    signInSetup: async () => ({
      ready: true,
      problem: null,
      byOrganisation: false,
      policySource: null,
      fixedCloud: null,
      browser: true,
      deviceCode: true,
      itSetup: true,
      itMethods: ["browser", "deviceCode", "appSecret", "appCertificate", "password"],
    }),
    signInNew: async () => {
      const a = account("contoso-ltd", "Contoso Ltd", {
        username: "alex@contoso.com",
        tenant: "4f9c2d1e-7a3b-4c5d-8e6f-1a2b3c4d5e6f",
        state: { kind: "signedIn", who: "alex@contoso.com" },
        access: [
          { ok: true, text: "Reads all of Partner Center's analytics." },
          { ok: false, text: "Revenue is hidden: ask your Partner Center admin for the Executive report viewer role." },
        ],
        revenueHidden: true,
      });
      accounts = [...accounts.filter((x) => x.id !== a.id), a];
      return a;
    },
    startNewDeviceSignIn: async () => ({ userCode: "HXQ4-T7PL", verificationUri: "https://microsoft.com/devicelogin", expiresAt: Math.floor(Date.now() / 1000) + 900 }),
    finishNewDeviceSignIn: () => new Promise(() => {}),
    adminConsentLink: async () => "https://login.microsoftonline.com/organizations/v2.0/adminconsent?client_id=5e1b7c3a",
    home: async () => homeSummary(),
    homeTiles: async () =>
      homeSummary().tiles.map((t) => ({ ...t, source: "Partner Center grouped the data (groupby=creationDate, aggregationLevel=month)." })),
    snapshotDays: async () => ["2026-11-30", "2026-11-23"],
    refreshAll: async () => [
      { dataset: "subscriptions", rows: 600, fetched: false, error: null },
      { dataset: "referrals", rows: null, fetched: false, error: { code: "forbidden", message: "This account may not read referrals.", action: null, detail: null } },
    ],
    updateSettings: async (c) => {
      settings = {
        ...settings,
        theme: c.theme ?? settings.theme,
        lastRoute: c.lastRoute ?? settings.lastRoute,
        defaultAccount: c.defaultAccount ?? settings.defaultAccount,
      };
      return settings;
    },
    clearCache: async () => 48_000,
    licences: async () => [
      { name: "react", version: "19.3.1", licence: "MIT" },
      { name: "polars", version: "0.55.2", licence: "MIT" },
    ],
    datasetInfo: async (d) => datasetInfo(d),
    compileFilters: async (_d, chips) => ({ text: text(chips), server: text(chips), local: null }),
    parseFilterText: async (_d, t) => {
      if (t.trim().endsWith(" or")) {
        throw { code: "bad_filter", message: "The filter is not right: The filter ends too early", action: "editFilter", detail: "at character 22" };
      }
      return t.trim() ? [{ kind: "text", text: t }] : [];
    },
    tableStatus: async () => report(),
    loadDataset: async () => report(),
    cancelJob: async () => true,
    explore: async (_a, v: View) => answer(v),
    rows: async (_a, _v, _q, _t, offset, limit) => rowsPage(offset, limit),
    fieldValues: async () => ({
      values: [
        { value: "Office", count: 400 },
        { value: "Azure", count: 150 },
        { value: null, count: 3 },
      ],
      distinct: 3,
    }),
    drill: async (v, p) => ({ ...v, drill: [...(v.drill ?? []), { kind: "values", field: v.groupBy?.[0] ?? "x", values: p.series ?? [], exclude: false }] }),
    listViews: async () => [...views.values()],
    saveView: async (name, view) => {
      const saved = { name, view, updatedAt: 1 };
      views.set(name.toLowerCase(), saved);
      return saved;
    },
    deleteView: async (name) => views.delete(name.toLowerCase()),
    chooseSavePath: async (name) => `/home/alex/Documents/${name}`,
    exportView: async (_a, _v, _s, _t, path) => ({ path, rows: 6 }),
    savePicture: async (path) => ({ path, rows: 0 }),
    openPath: async () => null,
    showInFolder: async () => null,
    reportCatalogue: async () => catalogueView(),
    // A small stand-in for the service's query text (the real one is tested in Rust).
    buildReportQuery: async (_a, q) => {
      const cols = [...(q.columns ?? []), ...(q.metrics ?? [])];
      if (!cols.length) return { text: null, problem: "Choose at least one column or metric.", warnings: [] };
      const where = (q.filters ?? []).map((f) => `${f.column} = '${f.values[0] ?? ""}'`);
      const known = new Set([...datasetCard().columns.map((c) => c.name), ...datasetCard().metrics.map((m) => m.name)]);
      return {
        text: `SELECT ${cols.join(", ")} FROM ${q.dataset}${where.length ? ` WHERE ${where.join(" AND ")}` : ""}${q.range ? ` TIMESPAN ${q.range}` : ""}`,
        problem: null,
        warnings: cols.filter((c) => !known.has(c)).map((c) => `${c} is not in the list Partner Center gave: it will say whether it knows it.`),
      };
    },
    previewReport: async (_a, q) => ({
      columns: [...(q.columns ?? []), ...(q.metrics ?? [])],
      rows: [
        ["Fabrikam", "2026-11-01", "120"],
        ["Contoso", "2026-11-01", "87"],
      ],
      hiddenColumns: [],
    }),
    previewQuery: async () => ({
      columns: ["CustomerName", "BilledRevenueUSD"],
      rows: [
        ["Fabrikam", "Hidden"],
        ["Contoso", "Hidden"],
      ],
      hiddenColumns: ["BilledRevenueUSD"],
    }),
    createReportFromQuery: async (_a, name, _id, spec) => {
      const id = `r${reports.length + 1}`;
      reports = [...reports, { id, name, query: null, dataset: "DynamicsUsage", datasetTitle: "Dynamics usage", status: spec.repeat.kind === "once" ? "Inactive" : "Active", schedule: spec.repeat.kind === "once" ? "Once" : `Every day at ${spec.time}`, nextRun: null, lastRun: null, lastFile: null, format: spec.format.toUpperCase(), spec }];
      return id;
    },
    planReportSchedule: async (_a, _d, spec) => {
      if (spec.repeat.kind === "once") return { summary: "Once, now", timeZone: "Europe/Paris", executeNow: true, startUtc: null, everyHours: null, count: 1, nextRuns: ["Tue 1 Dec 2026, 10:00"], drift: null, note: null };
      return {
        summary: `Every day at ${spec.time}`,
        timeZone: "Europe/Paris",
        executeNow: false,
        startUtc: "2026-12-02T05:00:00Z",
        everyHours: 24,
        count: null,
        nextRuns: [`Wed 2 Dec 2026, ${spec.time}`, `Thu 3 Dec 2026, ${spec.time}`, `Fri 4 Dec 2026, ${spec.time}`],
        drift: null,
        // The service's 4-hour rule, as the backend words it (its rule is tested in Rust).
        note: spec.time === "01:00" ? "The first run is on Thu 3 Dec 2026: Partner Center takes a report's first run only 4 hours ahead or later." : null,
      };
    },
    listReports: async () => reports,
    createReport: async (_a, name, q, spec) => {
      const id = `r${reports.length + 1}`;
      reports = [...reports, { id, name, query: null, dataset: q.dataset, datasetTitle: "Dynamics usage", status: "Active", schedule: `Every day at ${spec.time}`, nextRun: `Wed 2 Dec 2026, ${spec.time}`, lastRun: null, lastFile: null, format: spec.format.toUpperCase(), spec }];
      return id;
    },
    updateReport: async () => null,
    pauseReport: async (_a, id) => {
      reports = reports.map((r) => (r.id === id ? { ...r, status: "Paused" } : r));
      return null;
    },
    resumeReport: async (_a, id) => {
      reports = reports.map((r) => (r.id === id ? { ...r, status: "Active" } : r));
      return null;
    },
    deleteReport: async (_a, id) => {
      reports = reports.filter((r) => r.id !== id);
      return null;
    },
    listDownloads: async () => ({ files: [] as ReportFile[], library: "/home/alex/Documents/Partner Lens" }),
    checkDownloadsNow: async () => undefined,
    retryDownload: async (id) => reportFile({ id }),
    openDownload: async () => null,
    showDownload: async () => null,
    downloadInfo: async (id) => ({ ...datasetInfo("subscriptions"), title: "Seats daily", defaultView: { ...datasetInfo("subscriptions").defaultView, file: id } }),
    downloadValues: async () => ({ values: [{ value: "Fabrikam", count: 3 }], distinct: 1 }),
    compileDownloadFilters: async (_id, chips) => ({ text: text(chips), server: null, local: text(chips) }),
    listSchedules: async () => schedules.map((k) => ({ schedule: k, summary: `Every day at ${k.time}`, nextRun: `Wed 2 Dec 2026, ${k.time}`, lastRun: null })),
    saveSchedule: async (k) => {
      schedules = [...schedules.filter((x) => x.name !== k.name), k];
      return null;
    },
    deleteSchedule: async (name) => {
      schedules = schedules.filter((x) => x.name !== name);
      return null;
    },
    runScheduleNow: async (name) => ({ schedule: name, dueAt: 1, ranAt: 1, ok: true, path: "/tmp/x.xlsx", message: "Wrote 6 rows to /tmp/x.xlsx" }),
    scheduleHistory: async () => [],
    chooseFolder: async () => "/home/alex/Reports",
    setStartAtLogin: async (on) => {
      settings = { ...settings, startAtLogin: on };
      return settings;
    },
  };

  const all = { ...base, ...over } as Backend;
  const spied = {} as Record<string, unknown>;
  for (const [k, f] of Object.entries(all)) spied[k] = vi.fn(f as (...a: unknown[]) => unknown);
  return spied as Spied<Backend>;
}
