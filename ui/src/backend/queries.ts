// Every query key and data hook in one place, so screens share cached answers and a change (a
// saved view, a refreshed table) invalidates exactly what depends on it.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { AccountView, AppInfo, DatasetId, FetchReport, FilterChip, RowsQuery, SettingsChange, View } from "./index";
import { useBackend } from "./context";

export const keys = {
  appInfo: ["appInfo"] as const,
  datasetInfo: (d: DatasetId, all: boolean) => ["datasetInfo", d, all] as const,
  check: (account: string) => ["check", account] as const,
  home: (account: string, today: string, stamp: number) => ["home", account, today, stamp] as const,
  homeTiles: (account: string, today: string) => ["homeTiles", account, today] as const,
  snapshots: (account: string, d: DatasetId) => ["snapshots", account, d] as const,
  compile: (d: DatasetId, chips: FilterChip[], today: string) => ["compile", d, JSON.stringify(chips), today] as const,
  tableStatus: (account: string, d: DatasetId, filter: string | null) => ["tableStatus", account, d, filter] as const,
  explore: (account: string, view: View, today: string, stamp: number) =>
    ["explore", account, JSON.stringify(view), today, stamp] as const,
  rows: (account: string, view: View, q: RowsQuery, today: string, stamp: number, page: number) =>
    ["rows", account, JSON.stringify(view), JSON.stringify(q), today, stamp, page] as const,
  values: (account: string, d: DatasetId, filter: string | null, field: string, search: string) =>
    ["values", account, d, filter, field, search] as const,
  views: ["views"] as const,
  catalogue: (account: string) => ["catalogue", account] as const,
  reports: (account: string) => ["reports", account] as const,
  downloads: ["downloads"] as const,
  schedules: ["schedules"] as const,
  fileInfo: (id: string) => ["fileInfo", id] as const,
  licences: ["licences"] as const,
  signInSetup: ["signInSetup"] as const,
};

export function useAppInfo() {
  const b = useBackend();
  return useQuery({ queryKey: keys.appInfo, queryFn: b.appInfo });
}

/// A data set's fields; with "All accounts" it has the account as a field too.
export function useDatasetInfo(dataset: DatasetId, allAccounts = false) {
  const b = useBackend();
  return useQuery({
    queryKey: keys.datasetInfo(dataset, allAccounts),
    queryFn: () => b.datasetInfo(dataset, allAccounts),
    staleTime: Infinity,
  });
}

/// Puts a changed account into the app's list (so the header, the banner and every screen see
/// it at once).
export function usePutAccount() {
  const qc = useQueryClient();
  return (a: AccountView) =>
    qc.setQueryData(keys.appInfo, (old: AppInfo | undefined) =>
      old ? { ...old, accounts: old.accounts.map((x) => (x.id === a.id ? a : x)) } : old,
    );
}

/// Checks an account against Partner Center (once in a while, not on every visit).
export function useCheckAccount(account: AccountView) {
  const b = useBackend();
  const put = usePutAccount();
  return useQuery({
    queryKey: keys.check(account.id),
    queryFn: async () => {
      const a = await b.checkAccount(account.id);
      put(a);
      return a;
    },
    enabled: !account.sample,
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/// An account change (add, sign-in, rename, default, sign-out, remove): the list is read again.
export function useAccountChange<A, R>(fn: (args: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: keys.appInfo });
      qc.invalidateQueries({ queryKey: ["home"] });
    },
  });
}

export function useHome(account: string, today: string, stamp: number | null) {
  const b = useBackend();
  return useQuery({
    queryKey: keys.home(account, today, stamp ?? 0),
    queryFn: () => b.home(account, today),
    enabled: stamp !== null,
    staleTime: Infinity,
    // While a refresh works, the figures stay; another account's never stand in for these.
    placeholderData: (previous, query) => (query?.queryKey[1] === account ? previous : undefined),
  });
}

/// Home's tiles from Partner Center's own grouping, asked while the data sets are fetched the
/// first time; an error leaves them out (the full Home follows).
export function useHomeTiles(account: string, today: string, enabled: boolean) {
  const b = useBackend();
  return useQuery({
    queryKey: keys.homeTiles(account, today),
    queryFn: () => b.homeTiles(account, today),
    enabled,
    staleTime: Infinity,
    retry: false,
  });
}

export function useSnapshotDays(account: string, dataset: DatasetId, enabled: boolean) {
  const b = useBackend();
  return useQuery({
    queryKey: keys.snapshots(account, dataset),
    queryFn: () => b.snapshotDays(account, dataset),
    enabled,
    staleTime: 60_000,
  });
}

/// The chips as filter text; over a downloaded file (`file`, its run id), checked against the
/// file's columns and all applied here.
export function useCompiledFilters(dataset: DatasetId, chips: FilterChip[], today: string, file: string | null = null) {
  const b = useBackend();
  return useQuery({
    queryKey: [...keys.compile(dataset, chips, today), file],
    queryFn: () => (file ? b.compileDownloadFilters(file, chips, today) : b.compileFilters(dataset, chips, today)),
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });
}

export function useTableStatus(account: string, dataset: DatasetId, filter: string | null, enabled: boolean) {
  const b = useBackend();
  return useQuery({
    queryKey: keys.tableStatus(account, dataset, filter),
    queryFn: () => b.tableStatus(account, dataset, filter),
    enabled,
    staleTime: Infinity,
  });
}

/// The answer for a view, from the table fetched at `stamp` (a new fetch asks again).
export function useExplore(account: string, view: View, today: string, stamp: number | null) {
  const b = useBackend();
  return useQuery({
    queryKey: keys.explore(account, view, today, stamp ?? 0),
    queryFn: () => b.explore(account, view, today),
    enabled: stamp !== null,
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });
}

export const ROWS_PAGE = 200;

/// The values a field takes in the table at hand (or in a downloaded file, `file`).
export function useFieldValues(account: string, dataset: DatasetId, filter: string | null, field: string, search: string, file: string | null = null) {
  const b = useBackend();
  return useQuery({
    queryKey: [...keys.values(account, dataset, filter, field, search), file],
    queryFn: () => (file ? b.downloadValues(file, field, search || null) : b.fieldValues(account, dataset, filter, field, search || null)),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}

export function useSavedViews() {
  const b = useBackend();
  return useQuery({ queryKey: keys.views, queryFn: b.listViews });
}

export function useSaveView() {
  const b = useBackend();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ name, view }: { name: string; view: View }) => b.saveView(name, view),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.views }),
  });
}

export function useDeleteView() {
  const b = useBackend();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => b.deleteView(name),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.views }),
  });
}

export function useUpdateSettings() {
  const b = useBackend();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (change: SettingsChange) => b.updateSettings(change),
    onSuccess: (settings) => {
      qc.setQueryData(keys.appInfo, (old: Awaited<ReturnType<typeof b.appInfo>> | undefined) =>
        old ? { ...old, settings } : old,
      );
    },
  });
}

export function useStartSample() {
  const b = useBackend();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: b.startSample,
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.appInfo }),
  });
}

export function useLicences() {
  const b = useBackend();
  return useQuery({ queryKey: keys.licences, queryFn: b.licences, staleTime: Infinity });
}

/// After a fetch: the table's status is the fresh report.
export function useSetTableStatus() {
  const qc = useQueryClient();
  return (account: string, dataset: DatasetId, filter: string | null, report: FetchReport) =>
    qc.setQueryData(keys.tableStatus(account, dataset, filter), report);
}

/// The Insights data sets an account can report on.
/// The account's Insights catalogue as last read (the backend reads it again when a day old);
/// `refresh` asks Partner Center now.
export function useCatalogue(account: string) {
  const b = useBackend();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: keys.catalogue(account), queryFn: () => b.reportCatalogue(account, false), staleTime: Infinity, enabled: !!account });
  const refresh = useMutation({
    mutationFn: () => b.reportCatalogue(account, true),
    onSuccess: (v) => qc.setQueryData(keys.catalogue(account), v),
  });
  return { ...q, refresh };
}

/// The account's reports; fetched again now and then, as runs complete on the service.
export function useReports(account: string) {
  const b = useBackend();
  return useQuery({ queryKey: keys.reports(account), queryFn: () => b.listReports(account), enabled: !!account, refetchInterval: 30_000 });
}

/// The files downloaded so far; the worker adds to them while the window is open.
export function useDownloads() {
  const b = useBackend();
  return useQuery({ queryKey: keys.downloads, queryFn: b.listDownloads, refetchInterval: 3_000 });
}

export function useSchedules() {
  const b = useBackend();
  return useQuery({ queryKey: keys.schedules, queryFn: b.listSchedules, refetchInterval: 30_000 });
}

/// A downloaded file described as a data set (its columns as fields).
export function useFileInfo(id: string | null) {
  const b = useBackend();
  return useQuery({ queryKey: keys.fileInfo(id ?? ""), queryFn: () => b.downloadInfo(id ?? ""), enabled: !!id, staleTime: Infinity });
}
