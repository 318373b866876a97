// The one typed stand-in for the Rust backend that every UI test uses: the same functions as
// the real door (`Backend`), answering from fixtures, each a vitest spy so a test can check
// what the window asked for.
import { vi } from "vitest";
import type { Backend } from "../backend";
import type { AppInfo, FilterChip, SavedView, Settings, View } from "../backend";
import { SAMPLE, account, answer, appInfo, datasetInfo, homeSummary, report, rowsPage } from "./fixtures";

type Spied<T> = { [K in keyof T]: T[K] & ReturnType<typeof vi.fn> };

export function mockBackend(over: Partial<Backend> = {}, info: AppInfo = appInfo()): Spied<Backend> {
  let settings: Settings = info.settings;
  let accounts = info.accounts;
  const views = new Map<string, SavedView>();
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
    home: async () => homeSummary(),
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
  };
  const all = { ...base, ...over } as Backend;
  const spied = {} as Record<string, unknown>;
  for (const [k, f] of Object.entries(all)) spied[k] = vi.fn(f as (...a: unknown[]) => unknown);
  return spied as Spied<Backend>;
}
