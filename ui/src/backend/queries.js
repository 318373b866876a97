// Every query key and data hook in one place, so screens share cached answers and a change (a
// saved view, a refreshed table) invalidates exactly what depends on it.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useBackend } from "./context";
export const keys = {
    appInfo: ["appInfo"],
    datasetInfo: (d, all) => ["datasetInfo", d, all],
    check: (account) => ["check", account],
    home: (account, today, stamp) => ["home", account, today, stamp],
    homeTiles: (account, today) => ["homeTiles", account, today],
    snapshots: (account, d) => ["snapshots", account, d],
    compile: (d, chips, today) => ["compile", d, JSON.stringify(chips), today],
    tableStatus: (account, d, filter) => ["tableStatus", account, d, filter],
    explore: (account, view, today, stamp) => ["explore", account, JSON.stringify(view), today, stamp],
    rows: (account, view, q, today, stamp, page) => ["rows", account, JSON.stringify(view), JSON.stringify(q), today, stamp, page],
    values: (account, d, filter, field, search) => ["values", account, d, filter, field, search],
    views: ["views"],
    catalogue: (account) => ["catalogue", account],
    reports: (account) => ["reports", account],
    downloads: ["downloads"],
    schedules: ["schedules"],
    fileInfo: (id) => ["fileInfo", id],
    licences: ["licences"],
};
export function useAppInfo() {
    const b = useBackend();
    return useQuery({ queryKey: keys.appInfo, queryFn: b.appInfo });
}
/// A data set's fields; with "All accounts" it has the account as a field too.
export function useDatasetInfo(dataset, allAccounts = false) {
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
    return (a) => qc.setQueryData(keys.appInfo, (old) => old ? { ...old, accounts: old.accounts.map((x) => (x.id === a.id ? a : x)) } : old);
}
/// Checks an account against Partner Center (once in a while, not on every visit).
export function useCheckAccount(account) {
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
export function useAccountChange(fn) {
    const qc = useQueryClient();
    return useMutation({
        mutationFn: fn,
        onSuccess: () => {
            qc.invalidateQueries({ queryKey: keys.appInfo });
            qc.invalidateQueries({ queryKey: ["home"] });
        },
    });
}
export function useHome(account, today, stamp) {
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
export function useHomeTiles(account, today, enabled) {
    const b = useBackend();
    return useQuery({
        queryKey: keys.homeTiles(account, today),
        queryFn: () => b.homeTiles(account, today),
        enabled,
        staleTime: Infinity,
        retry: false,
    });
}
export function useSnapshotDays(account, dataset, enabled) {
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
export function useCompiledFilters(dataset, chips, today, file = null) {
    const b = useBackend();
    return useQuery({
        queryKey: [...keys.compile(dataset, chips, today), file],
        queryFn: () => (file ? b.compileDownloadFilters(file, chips, today) : b.compileFilters(dataset, chips, today)),
        staleTime: Infinity,
        placeholderData: keepPreviousData,
    });
}
export function useTableStatus(account, dataset, filter, enabled) {
    const b = useBackend();
    return useQuery({
        queryKey: keys.tableStatus(account, dataset, filter),
        queryFn: () => b.tableStatus(account, dataset, filter),
        enabled,
        staleTime: Infinity,
    });
}
/// The answer for a view, from the table fetched at `stamp` (a new fetch asks again).
export function useExplore(account, view, today, stamp) {
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
export function useRowsPage(account, view, q, today, stamp, page) {
    const b = useBackend();
    return useQuery({
        queryKey: keys.rows(account, view, q, today, stamp, page),
        queryFn: () => b.rows(account, view, q, today, page * ROWS_PAGE, ROWS_PAGE),
        staleTime: Infinity,
        placeholderData: keepPreviousData,
    });
}
/// The values a field takes in the table at hand (or in a downloaded file, `file`).
export function useFieldValues(account, dataset, filter, field, search, file = null) {
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
        mutationFn: ({ name, view }) => b.saveView(name, view),
        onSuccess: () => qc.invalidateQueries({ queryKey: keys.views }),
    });
}
export function useDeleteView() {
    const b = useBackend();
    const qc = useQueryClient();
    return useMutation({
        mutationFn: (name) => b.deleteView(name),
        onSuccess: () => qc.invalidateQueries({ queryKey: keys.views }),
    });
}
export function useUpdateSettings() {
    const b = useBackend();
    const qc = useQueryClient();
    return useMutation({
        mutationFn: (change) => b.updateSettings(change),
        onSuccess: (settings) => {
            qc.setQueryData(keys.appInfo, (old) => old ? { ...old, settings } : old);
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
    return (account, dataset, filter, report) => qc.setQueryData(keys.tableStatus(account, dataset, filter), report);
}
/// The Insights data sets an account can report on.
export function useCatalogue(account) {
    const b = useBackend();
    return useQuery({ queryKey: keys.catalogue(account), queryFn: () => b.reportCatalogue(account), staleTime: Infinity, enabled: !!account });
}
/// The account's reports; fetched again now and then, as runs complete on the service.
export function useReports(account) {
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
export function useFileInfo(id) {
    const b = useBackend();
    return useQuery({ queryKey: keys.fileInfo(id ?? ""), queryFn: () => b.downloadInfo(id ?? ""), enabled: !!id, staleTime: Infinity });
}
