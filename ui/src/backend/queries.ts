// Every query key and data hook in one place, so screens share cached answers and a change (a
// saved view, a refreshed table) invalidates exactly what depends on it.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { DatasetId, FetchReport, FilterChip, RowsQuery, SettingsChange, View } from "./index";
import { useBackend } from "./context";

export const keys = {
  appInfo: ["appInfo"] as const,
  datasetInfo: (d: DatasetId) => ["datasetInfo", d] as const,
  compile: (d: DatasetId, chips: FilterChip[], today: string) => ["compile", d, JSON.stringify(chips), today] as const,
  tableStatus: (account: string, d: DatasetId, filter: string | null) => ["tableStatus", account, d, filter] as const,
  explore: (account: string, view: View, today: string, stamp: number) =>
    ["explore", account, JSON.stringify(view), today, stamp] as const,
  rows: (account: string, view: View, q: RowsQuery, today: string, stamp: number, page: number) =>
    ["rows", account, JSON.stringify(view), JSON.stringify(q), today, stamp, page] as const,
  values: (account: string, d: DatasetId, filter: string | null, field: string, search: string) =>
    ["values", account, d, filter, field, search] as const,
  views: ["views"] as const,
  licences: ["licences"] as const,
};

export function useAppInfo() {
  const b = useBackend();
  return useQuery({ queryKey: keys.appInfo, queryFn: b.appInfo });
}

export function useDatasetInfo(dataset: DatasetId) {
  const b = useBackend();
  return useQuery({ queryKey: keys.datasetInfo(dataset), queryFn: () => b.datasetInfo(dataset), staleTime: Infinity });
}

export function useCompiledFilters(dataset: DatasetId, chips: FilterChip[], today: string) {
  const b = useBackend();
  return useQuery({
    queryKey: keys.compile(dataset, chips, today),
    queryFn: () => b.compileFilters(dataset, chips, today),
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

export function useRowsPage(account: string, view: View, q: RowsQuery, today: string, stamp: number, page: number) {
  const b = useBackend();
  return useQuery({
    queryKey: keys.rows(account, view, q, today, stamp, page),
    queryFn: () => b.rows(account, view, q, today, page * ROWS_PAGE, ROWS_PAGE),
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });
}

export function useFieldValues(account: string, dataset: DatasetId, filter: string | null, field: string, search: string) {
  const b = useBackend();
  return useQuery({
    queryKey: keys.values(account, dataset, filter, field, search),
    queryFn: () => b.fieldValues(account, dataset, filter, field, search || null),
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
