import { Fragment as _Fragment, jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// Explore: pick a data set, filter without typing, group by up to two fields and a period, and
// read the answer as a chart and a table; drill into a bar, see the rows behind a group, export
// what is shown, save the question.
import { useMemo, useRef, useState } from "react";
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Card, Spinner, Tab, TabList, Text, makeStyles, tokens, } from "@fluentui/react-components";
import { useQueryClient } from "@tanstack/react-query";
import { toUiError } from "../../backend";
import { useBackend } from "../../backend/context";
import { keys, useCompiledFilters, useDatasetInfo, useExplore, useFileInfo, useSnapshotDays } from "../../backend/queries";
import { ALL_ACCOUNTS } from "../../app/allAccounts";
import { useApp } from "../../app/context";
import { EmptyState } from "../../components/EmptyState";
import { ErrorBar, NoteBar } from "../../components/ErrorBar";
import { PageHeader } from "../../components/PageHeader";
import { formatDate, today as todayIso } from "../../lib/format";
import { AsOfPicker } from "./AsOfPicker";
import { AnswerTable } from "./AnswerTable";
import { ChartCard } from "./ChartCard";
import { DrillTrail } from "./DrillTrail";
import { ExportMenu } from "./ExportMenu";
import { FilterBar } from "./FilterBar";
import { FileSource } from "./fileSource";
import { Freshness } from "./Freshness";
import { GroupingBar } from "./GroupingBar";
import { RowsPanel } from "./RowsPanel";
import { SaveViewButton } from "./SaveViewButton";
import { ScheduleViewButton } from "./ScheduleViewButton";
import { SavedViewsMenu } from "./SavedViewsList";
import { useTable } from "./useTable";
const useStyles = makeStyles({
    page: { display: "flex", flexDirection: "column", gap: "14px", maxWidth: "1500px", margin: "0 auto" },
    controls: { display: "flex", flexDirection: "column", gap: "12px", padding: "14px 16px" },
    freshness: { display: "flex", alignItems: "center", gap: "12px", flexWrap: "wrap" },
    topRow: { display: "flex", alignItems: "flex-start", gap: "12px", flexWrap: "wrap", justifyContent: "space-between" },
    card: { padding: "16px" },
    center: { display: "flex", justifyContent: "center", padding: "40px" },
    muted: { color: tokens.colorNeutralForeground3 },
    mono: { fontFamily: tokens.fontFamilyMonospace, wordBreak: "break-word" },
});
export function ExploreScreen() {
    const s = useStyles();
    const { route, go, account, dark, info: app } = useApp();
    const b = useBackend();
    const qc = useQueryClient();
    const dataset = route.view?.dataset ?? "subscriptions";
    const all = account?.id === ALL_ACCOUNTS;
    // A downloaded report file opened from Downloads: the same grouping, charts and exports, over
    // the file's columns, nothing fetched.
    const file = route.view?.file ?? null;
    const datasetInfo = useDatasetInfo(dataset, all);
    const fileInfo = useFileInfo(file);
    const info = file ? fileInfo : datasetInfo;
    // "As of" works one account at a time: the copies are kept per account.
    const days = useSnapshotDays(account?.id ?? "", dataset, !!account && !all && !file);
    const view = route.view ?? info.data?.defaultView;
    const today = todayIso();
    const chips = useMemo(() => [...(view?.filters ?? []), ...(view?.drill ?? [])], [view]);
    const compiled = useCompiledFilters(dataset, chips, today, file);
    const serviceFilter = compiled.data?.server ?? null;
    const table = useTable(account?.id ?? null, dataset, serviceFilter, compiled.isSuccess && !file);
    const stamp = file ? 0 : table.stamp;
    const answer = useExplore(account?.id ?? "", view ?? { dataset }, today, view && compiled.isSuccess ? stamp : null);
    const [layout, setLayout] = useState({ hidden: [], columns: [], sort: null, search: null });
    const [rows, setRows] = useState(null);
    const chart = useRef(null);
    const filterBar = useRef(null);
    if (!account) {
        return _jsx(EmptyState, { title: "No account yet", children: "Try the sample data or add an account to explore." });
    }
    const setView = (v, opts) => {
        setRows(null);
        go({ screen: "explore", account: account.id, view: v }, opts);
    };
    const pickDataset = async (d) => {
        const next = await qc.fetchQuery({ queryKey: keys.datasetInfo(d, all), queryFn: () => b.datasetInfo(d, all), staleTime: Infinity });
        setLayout({ hidden: [], columns: [], sort: null, search: null });
        setView(next.defaultView);
    };
    const title = file ? (info.data?.title ?? "Report file") : (app.datasets.find((d) => d.id === dataset)?.title ?? dataset);
    const a = answer.data;
    const period = view?.date?.period ?? null;
    const shownColumns = a ? a.columns.filter((c) => !layout.hidden.includes(c.name)).map((c) => c.name) : [];
    const chartKind = a?.chartKind ?? "table";
    const fileError = file && fileInfo.error ? toUiError(fileInfo.error) : null;
    const error = fileError ?? (compiled.error ? toUiError(compiled.error) : table.error?.code === "cancelled" ? null : (table.error ?? (answer.error ? toUiError(answer.error) : null)));
    const firstMetric = (view?.metrics?.length ? view.metrics : info.data?.defaultMetrics)?.[0];
    const additive = !firstMetric || firstMetric.kind === "count" || firstMetric.kind === "sum";
    return (_jsxs("div", { className: s.page, children: [_jsx(PageHeader, { title: "Explore", actions: view && a ? (_jsxs(_Fragment, { children: [_jsx(SavedViewsMenu, {}), _jsx(SaveViewButton, { view: view, suggested: `${title} by ${view.date?.period ?? "value"}` }), all || file ? null : _jsx(ScheduleViewButton, { account: account.id, view: view, suggested: `${title} by ${view.date?.period ?? "value"}` }), _jsx(ExportMenu, { account: account.id, view: view, today: today, answerSource: { kind: "answer", layout: { columns: shownColumns, sort: layout.sort, search: layout.search } }, rowsSource: rows
                                ? { kind: "rows", query: { ...rows.query, group: rows.group }, columns: [] }
                                : null, rowsTotal: a.rowsMatched, chart: chart, baseName: `${title} ${today}` })] })) : null }), file ? (_jsx(NoteBar, { intent: "info", text: `Exploring the report file "${title}" from Downloads. Pick a data set to go back to Partner Center data.` })) : null, _jsx(TabList, { selectedValue: file ? null : dataset, onTabSelect: (_, d) => void pickDataset(d.value), "aria-label": "Data set", "data-testid": "datasets", children: app.datasets.map((d) => (_jsx(Tab, { value: d.id, "data-testid": `dataset-${d.id}`, children: d.title }, d.id))) }), fileError ? _jsx(ErrorBar, { error: fileError }) : null, fileError ? null : !view || !info.data ? (_jsx("div", { className: s.center, children: _jsx(Spinner, { label: "Opening\u2026" }) })) : (_jsxs(FileSource.Provider, { value: file, children: [_jsxs(Card, { className: s.controls, children: [_jsxs("div", { className: s.topRow, children: [_jsx(FilterBar, { ref: filterBar, chips: view.filters ?? [], filterText: compiled.data?.text ?? null, fields: info.data.fields, account: account.id, dataset: dataset, serviceFilter: serviceFilter, onChange: (filters) => setView({ ...view, filters, drill: [] }) }), file ? null : (_jsxs("div", { className: s.freshness, children: [_jsx(AsOfPicker, { days: days.data ?? [], value: view.asOf ?? null, onChange: (asOf) => setView({ ...view, asOf }) }), _jsx(Freshness, { report: table.report, fetching: table.fetching, progress: table.progress, onRefresh: table.refresh, onCancel: table.cancel })] }))] }), _jsx(DrillTrail, { steps: view.drill ?? [], fields: info.data.fields, onBack: (keep) => setView({ ...view, drill: (view.drill ?? []).slice(0, keep) }) }), _jsx(GroupingBar, { info: info.data, view: view, resolvedChart: a?.chartKind, onChange: (v) => setView(v) })] }), view.asOf ? (_jsx(NoteBar, { text: `Showing the data as it was on ${formatDate(view.asOf)}, from the copy kept that day. Choose "Latest data" to see today's.` })) : null, table.error?.code === "cancelled" ? _jsx(NoteBar, { text: "The fetch was stopped. The answer below is from the data you already had." }) : null, table.report?.note ? _jsx(NoteBar, { text: table.report.note }) : null, table.report && table.report.badRows > 0 ? (_jsx(NoteBar, { text: `${table.report.badRows} rows could not be read and are left out: ${table.report.badRowExamples.join("; ")}` })) : null, error ? (_jsx(ErrorBar, { error: error, onRetry: table.refresh, onEditFilter: () => filterBar.current?.focus() })) : null, !a && !error ? (_jsx("div", { className: s.center, children: _jsx(Spinner, { label: table.fetching ? "Fetching the data…" : "Working it out…" }) })) : null, a ? (_jsxs(_Fragment, { children: [a.chart && chartKind !== "table" ? (_jsx(ChartCard, { chart: a.chart, kind: chartKind, period: period, metricLabel: a.chartMetric, title: `${a.chartMetric}${view.groupBy?.length ? ` by ${a.columns.filter((c) => c.role === "group").map((c) => c.label.toLowerCase()).join(" and ")}` : ""}${period ? `, per ${period}` : ""}`, additive: additive, dark: dark, handle: chart, onDrill: (p) => void b.drill(view, p).then((v) => setView(v)) })) : null, _jsxs(Card, { className: s.card, children: [_jsx(AnswerTable, { answer: a, period: period, layout: layout, onLayout: setLayout, onRows: (group, t) => setRows({ group, title: t, query: {}, hidden: [] }) }), _jsx(Accordion, { collapsible: true, children: _jsxs(AccordionItem, { value: "details", children: [_jsx(AccordionHeader, { size: "small", children: "Details" }), _jsxs(AccordionPanel, { children: [_jsx(Text, { as: "p", className: s.muted, "data-testid": "answer-source", children: a.source.summary }), a.source.serviceFilter ? (_jsxs(Text, { as: "p", children: ["Filter applied by Partner Center: ", _jsx("span", { className: s.mono, children: a.source.serviceFilter })] })) : null, a.source.localFilter ? (_jsxs(Text, { as: "p", children: ["Filter applied on this computer: ", _jsx("span", { className: s.mono, children: a.source.localFilter })] })) : null] })] }) })] }), rows && stamp !== null ? (_jsx(Card, { className: s.card, children: _jsx(RowsPanel, { account: account.id, view: view, query: { ...rows.query, group: rows.group }, title: rows.title, today: today, stamp: stamp, hidden: rows.hidden, onHidden: (hidden) => setRows({ ...rows, hidden }), onQuery: (q) => setRows({ ...rows, query: { search: q.search, sort: q.sort } }), onClose: () => setRows(null) }) })) : null] })) : null] }))] }));
}
