import { jsx as _jsx, jsxs as _jsxs } from "react/jsx-runtime";
// How the answer is grouped: up to two fields to split by, a date field by day, week, month,
// quarter or year, the metrics, the top N with the rest as "Other", the change against the
// previous period, and the chart.
import { useMemo, useState } from "react";
import { Button, Checkbox, Dropdown, Field, Option, Popover, PopoverSurface, PopoverTrigger, SearchBox, Switch, Tab, TabList, makeStyles, tokens, } from "@fluentui/react-components";
import { ChevronDown16Regular } from "@fluentui/react-icons";
export const PERIODS = [
    { id: "day", label: "Day" },
    { id: "week", label: "Week" },
    { id: "month", label: "Month" },
    { id: "quarter", label: "Quarter" },
    { id: "year", label: "Year" },
];
const CHARTS = [
    { id: "line", label: "Line" },
    { id: "bar", label: "Bar" },
    { id: "stacked", label: "Stacked bar" },
    { id: "table", label: "Table only" },
];
const NONE = "__none";
const useStyles = makeStyles({
    bar: { display: "flex", columnGap: "16px", rowGap: "10px", flexWrap: "wrap", alignItems: "flex-end" },
    drop: { minWidth: "160px" },
    metrics: { width: "320px", display: "flex", flexDirection: "column", gap: "8px" },
    metricList: { maxHeight: "300px", overflowY: "auto", display: "flex", flexDirection: "column" },
    metricButton: { minWidth: "180px", justifyContent: "space-between", fontWeight: tokens.fontWeightRegular },
    narrow: { minWidth: "130px" },
});
export function metricKey(m) {
    return m.kind === "count" ? "count" : `${m.kind}:${m.field}`;
}
function MetricPicker({ info, view, onChange }) {
    const s = useStyles();
    const [search, setSearch] = useState("");
    const chosen = view.metrics?.length ? view.metrics : info.defaultMetrics;
    const keysChosen = new Set(chosen.map(metricKey));
    const shown = info.metrics.filter((o) => !search || o.label.toLowerCase().includes(search.toLowerCase()));
    const label = info.metrics
        .filter((o) => keysChosen.has(metricKey(o.metric)))
        .map((o) => o.label)
        .join(", ");
    const toggle = (m, on) => {
        const next = on ? [...chosen, m] : chosen.filter((x) => metricKey(x) !== metricKey(m));
        if (next.length)
            onChange({ ...view, metrics: next });
    };
    return (_jsx(Field, { size: "small", label: "Show", children: _jsxs(Popover, { positioning: "below-start", trapFocus: true, children: [_jsx(PopoverTrigger, { disableButtonEnhancement: true, children: _jsx(Button, { size: "small", className: s.metricButton, icon: _jsx(ChevronDown16Regular, {}), iconPosition: "after", "data-testid": "metrics", children: label }) }), _jsx(PopoverSurface, { "aria-label": "Metrics", children: _jsxs("div", { className: s.metrics, children: [_jsx(SearchBox, { "aria-label": "Search metrics", placeholder: "Search", value: search, onChange: (_, d) => setSearch(d.value) }), _jsx("div", { className: s.metricList, role: "group", "aria-label": "Metrics to show", children: shown.map((o) => (_jsx(Checkbox, { label: o.label, checked: keysChosen.has(metricKey(o.metric)), onChange: (_, d) => toggle(o.metric, !!d.checked), "data-metric": metricKey(o.metric) }, metricKey(o.metric)))) })] }) })] }) }));
}
export function GroupingBar({ info, view, resolvedChart, onChange, }) {
    const s = useStyles();
    const groupable = useMemo(() => info.fields.filter((f) => f.groupable), [info]);
    const dates = useMemo(() => info.fields.filter((f) => f.filter === "dates"), [info]);
    const label = (name) => info.fields.find((f) => f.name === name)?.label ?? "None";
    const group = view.groupBy ?? [];
    const setGroup = (i, name) => {
        const next = [...group];
        if (name === NONE)
            next.splice(i);
        else
            next[i] = name;
        onChange({ ...view, groupBy: next.filter((g, j) => next.indexOf(g) === j).slice(0, 2), top: next.length ? view.top : null, drill: [] });
    };
    const chart = view.chart && view.chart !== "auto" ? view.chart : (resolvedChart ?? null);
    return (_jsxs("div", { className: s.bar, role: "group", "aria-label": "Grouping", "data-testid": "grouping-bar", children: [_jsx(Field, { size: "small", label: "Split by", children: _jsxs(Dropdown, { size: "small", className: s.drop, value: label(group[0]), selectedOptions: [group[0] ?? NONE], onOptionSelect: (_, d) => setGroup(0, d.optionValue ?? NONE), "data-testid": "split-1", children: [_jsx(Option, { value: NONE, children: "None" }), groupable.map((f) => (_jsx(Option, { value: f.name, "data-testid": `split-1-${f.name}`, children: f.label }, f.name)))] }) }), group.length ? (_jsx(Field, { size: "small", label: "Then by", children: _jsxs(Dropdown, { size: "small", className: s.drop, value: label(group[1]), selectedOptions: [group[1] ?? NONE], onOptionSelect: (_, d) => setGroup(1, d.optionValue ?? NONE), "data-testid": "split-2", children: [_jsx(Option, { value: NONE, children: "None" }), groupable
                            .filter((f) => f.name !== group[0])
                            .map((f) => (_jsx(Option, { value: f.name, children: f.label }, f.name)))] }) })) : null, _jsx(Field, { size: "small", label: "Over time", children: _jsxs(Dropdown, { size: "small", className: s.drop, value: view.date ? label(view.date.field) : "No time axis", selectedOptions: [view.date?.field ?? NONE], onOptionSelect: (_, d) => onChange({
                        ...view,
                        date: d.optionValue && d.optionValue !== NONE ? { field: d.optionValue, period: view.date?.period ?? "month" } : null,
                        drill: [],
                    }), "data-testid": "date-field", children: [_jsx(Option, { value: NONE, children: "No time axis" }), dates.map((f) => (_jsx(Option, { value: f.name, children: f.label }, f.name)))] }) }), view.date ? (_jsx(Field, { size: "small", label: "By", children: _jsx(TabList, { size: "small", selectedValue: view.date.period, onTabSelect: (_, d) => {
                        // When the person asked, for the window benchmark (click to chart drawn).
                        document.documentElement.dataset.askedAt = String(performance.now());
                        if (view.date)
                            onChange({ ...view, date: { ...view.date, period: d.value } });
                    }, children: PERIODS.map((p) => (_jsx(Tab, { value: p.id, "data-testid": `period-${p.id}`, children: p.label }, p.id))) }) })) : null, _jsx(MetricPicker, { info: info, view: view, onChange: onChange }), group.length ? (_jsx(Field, { size: "small", label: "Values", children: _jsxs(Dropdown, { size: "small", className: s.narrow, value: view.top ? `Top ${view.top}, rest as Other` : "All", selectedOptions: [String(view.top ?? 0)], onOptionSelect: (_, d) => onChange({ ...view, top: Number(d.optionValue) || null }), "data-testid": "top", children: [_jsx(Option, { value: "0", children: "All" }), [3, 5, 10, 20].map((n) => (_jsx(Option, { value: String(n), children: `Top ${n}, rest as Other` }, n)))] }) })) : null, view.date ? (_jsx(Switch, { label: "Change on previous period", checked: !!view.change, onChange: (_, d) => onChange({ ...view, change: d.checked }), "data-testid": "change" })) : null, _jsx(Field, { size: "small", label: "Chart", children: _jsx(TabList, { size: "small", selectedValue: chart ?? "auto", onTabSelect: (_, d) => onChange({ ...view, chart: d.value }), children: CHARTS.map((c) => (_jsx(Tab, { value: c.id, "data-testid": `chart-${c.id}`, children: c.label }, c.id))) }) })] }));
}
